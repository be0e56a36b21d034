package com.acme.gateway.security;

import com.acme.gateway.policy.TeamDirectory;
import java.util.List;
import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Maps a validated JWT to its team. The client id is the first of the claims {@code azp}, {@code client_id},
 * {@code sub} that the token carries; only that claim is matched against the policy's {@code jwt-clients}
 * (no fall-through to the next claim, so a token cannot pick the claim that suits it).
 */
final class JwtTeamConverter implements Converter<Jwt, TeamAuthentication> {

    private static final List<String> CLIENT_CLAIMS = List.of("azp", "client_id", "sub");

    private final TeamDirectory directory;

    JwtTeamConverter(TeamDirectory directory) {
        this.directory = directory;
    }

    @Override
    public TeamAuthentication convert(Jwt jwt) {
        String clientId = clientId(jwt)
                .orElseThrow(() -> new InvalidBearerTokenException("The token names no client"));
        return directory.findByJwtClient(clientId)
                .map(team -> new TeamAuthentication(TeamPrincipal.ofJwtClient(team, clientId)))
                .orElseThrow(() -> new InvalidBearerTokenException("The token's client belongs to no team"));
    }

    private static Optional<String> clientId(Jwt jwt) {
        return CLIENT_CLAIMS.stream()
                .map(jwt::getClaimAsString)
                .filter(value -> value != null && !value.isBlank())
                .findFirst();
    }
}
