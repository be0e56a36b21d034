package com.acme.gateway.security;

import org.springframework.security.core.AuthenticationException;

/** Credentials the gateway refuses; the reason's text is what the caller reads, never an exception message. */
final class RejectedCredentials extends AuthenticationException {

    private final Reason reason;

    RejectedCredentials(Reason reason) {
        super(reason.name());
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    enum Reason {
        CREDENTIALS_IN_QUERY("Credentials in the query string are never accepted (they end up in logs and browser "
                + "history). Send the API key in the X-API-Key header and remove it from the URL."),
        AMBIGUOUS_CREDENTIALS("Send exactly one credential: a single X-API-Key header or an Authorization header, "
                + "not both."),
        UNSUPPORTED_SCHEME("The Authorization header uses a scheme this gateway does not accept; the "
                + "WWW-Authenticate header lists the accepted ones."),
        INVALID_API_KEY("The API key in the X-API-Key header is not valid.");

        private final String detail;

        Reason(String detail) {
            this.detail = detail;
        }

        String detail() {
            return detail;
        }
    }
}
