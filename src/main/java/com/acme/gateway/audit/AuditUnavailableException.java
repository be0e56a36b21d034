package com.acme.gateway.audit;

/**
 * The audit store could not be written or read. Nothing may be sent upstream without an audit
 * row, so callers answer 503 when an insert fails.
 */
public class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
