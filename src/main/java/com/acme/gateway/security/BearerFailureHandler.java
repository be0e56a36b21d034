package com.acme.gateway.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
    private static final String RETRY_AFTER_SECONDS = "5";

    private final AuthenticationEntryPoint entryPoint;
    private final ProblemWriter writer;

    BearerFailureHandler(AuthenticationEntryPoint entryPoint, ProblemWriter writer) {
        this.entryPoint = entryPoint;
        this.writer = writer;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException, ServletException {
        if (!(failure instanceof AuthenticationServiceException)) {
            entryPoint.commence(request, response, failure);
            return;
        }
        log.warn("Could not check a bearer token: {}", failure.getMessage());
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        writer.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "authentication-unavailable",
                "Authentication unavailable", "The bearer token could not be checked because the token issuer's "
                        + "signing keys could not be fetched. Retry later, or authenticate with an API key.");
    }
}
