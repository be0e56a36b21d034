package com.acme.gateway.policy;

/**
 * The shared store of the rate-limit buckets could not be read or written. The limit cannot be
 * checked, so callers refuse the request (fail closed) instead of letting it through.
 */
public class RateLimitUnavailableException extends RuntimeException {

    RateLimitUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
