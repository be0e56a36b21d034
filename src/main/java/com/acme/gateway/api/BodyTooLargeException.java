package com.acme.gateway.api;

/** The body exceeds {@code gateway.limits.max-body-size}; answered 413 before anything is parsed. */
class BodyTooLargeException extends RuntimeException {

    private final long limit;

    BodyTooLargeException(long limit) {
        super("body larger than " + limit + " bytes", null, false, false);
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
