package com.acme.gateway.security;

import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemResponses;
import com.acme.gateway.problem.ProblemType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A bad token is the caller's problem (401); a token that could not be checked because the issuer's keys could not
 * be fetched is ours (503 with {@code Retry-After}). Spring's default rethrows the latter as a bare 500.
 */
final class BearerFailureHandler implements AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(BearerFailureHandler.class);

    private final AuthenticationEntryPoint entryPoint;

    BearerFailureHandler(AuthenticationEntryPoint entryPoint) {
        this.entryPoint = entryPoint;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException, ServletException {
        if (!(failure instanceof AuthenticationServiceException)) {
            entryPoint.commence(request, response, failure);
            return;
        }
        log.warn("Could not check a bearer token: {}", failure.getMessage());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Problem.RETRY_AFTER_SECONDS));
        ProblemResponses.write(response, Problem.of(ProblemType.AUTHENTICATION_UNAVAILABLE, "The bearer token could not "
                + "be checked because the token issuer's signing keys could not be fetched. Retry later, or "
                + "authenticate with an API key.").at(request.getRequestURI()));
    }
}
