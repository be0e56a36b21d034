package com.acme.gateway.security;

import com.acme.gateway.policy.ApiKeyOwner;
import com.acme.gateway.policy.TeamDirectory;
import com.acme.gateway.security.RejectedCredentials.Reason;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code X-API-Key}. Runs first, so it also refuses credentials in the query string (whatever the
 * scheme), an Authorization scheme other than Bearer (Spring Security 7 would otherwise answer DPoP itself, without a
 * problem body) and a request that carries both an API key and an Authorization header.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String HEADER = "X-API-Key";

    private final TeamDirectory directory;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    ApiKeyAuthenticationFilter(TeamDirectory directory, AuthenticationEntryPoint entryPoint) {
        this.directory = directory;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> keys = Collections.list(request.getHeaders(HEADER));
        Reason refusal = refusal(request, keys);
        if (refusal != null) {
            reject(request, response, refusal);
            return;
        }
        if (keys.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeyOwner> owner = directory.findByApiKey(keys.getFirst());
        if (owner.isEmpty()) {
            reject(request, response, Reason.INVALID_API_KEY);
            return;
        }
        authenticate(request, response, TeamPrincipal.ofApiKey(owner.get().team(), owner.get().keyId()));
        chain.doFilter(request, response);
    }

    private static @Nullable Reason refusal(HttpServletRequest request, List<String> keys) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (QueryCredentials.present(request.getQueryString())) {
            return Reason.CREDENTIALS_IN_QUERY;
        }
        if (authorization != null && !isBearer(authorization)) {
            return Reason.UNSUPPORTED_SCHEME;
        }
        if (keys.size() > 1 || (!keys.isEmpty() && authorization != null)) {
            return Reason.AMBIGUOUS_CREDENTIALS;
        }
        return null;
    }

    private static boolean isBearer(String authorization) {
        return authorization.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length());
    }

    private void authenticate(HttpServletRequest request, HttpServletResponse response, TeamPrincipal principal) {
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new TeamAuthentication(principal));
        contexts.setContext(context);
        repository.saveContext(context, request, response);
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, Reason reason)
            throws IOException, ServletException {
        contexts.clearContext();
        entryPoint.commence(request, response, new RejectedCredentials(reason));
    }
}
