package com.acme.gateway.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated caller: its roles become {@code ROLE_<role>} authorities. Holds no credentials. */
final class TeamAuthentication extends AbstractAuthenticationToken {

    private final TeamPrincipal principal;

    TeamAuthentication(TeamPrincipal principal) {
        super(principal.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public TeamPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public @Nullable Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return principal.id();
    }
}
