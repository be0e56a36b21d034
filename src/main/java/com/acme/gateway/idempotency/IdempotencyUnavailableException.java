package com.acme.gateway.idempotency;

/** The idempotency store could not be read or written; nothing may run on an unclaimed key (answer 503). */
public class IdempotencyUnavailableException extends RuntimeException {

    public IdempotencyUnavailableException(String message) {
        super(message);
    }

    public IdempotencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
