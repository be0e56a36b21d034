package com.acme.gateway.security;

import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemResponses;
import com.acme.gateway.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 as problem+json with one {@code WWW-Authenticate} challenge per accepted scheme: {@code ApiKey}, and
 * {@code Bearer} when JWT is on. Every bad credential of a kind gets the same answer, so the body never tells a
 * wrong key from an unknown one, or an expired token from a forged one.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private static final String REALM = "realm=\"workspace-script-gateway\"";

    private final boolean bearerAccepted;

    ProblemAuthenticationEntryPoint(boolean bearerAccepted) {
        this.bearerAccepted = bearerAccepted;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean badBearer = failure instanceof OAuth2AuthenticationException;
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey " + REALM);
        if (bearerAccepted) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer " + REALM + (badBearer ? ", error=\"invalid_token\"" : ""));
        }
        ProblemResponses.write(response, Problem.of(ProblemType.UNAUTHENTICATED, detail(failure, badBearer))
                .at(request.getRequestURI()));
    }

    private String detail(AuthenticationException failure, boolean badBearer) {
        if (failure instanceof RejectedCredentials rejected) {
            return rejected.reason().detail();
        }
        if (badBearer) {
            return "The bearer token is not valid: it is malformed, expired or not yet valid, not signed by the "
                    + "trusted issuer, not meant for this gateway, or its client belongs to no team.";
        }
        return bearerAccepted
                ? "Send an API key in the X-API-Key header or a bearer token in the Authorization header."
                : "Send an API key in the X-API-Key header.";
    }
}
