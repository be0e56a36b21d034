package com.acme.gateway.workspace;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * An upstream call that did not yield a task id. {@link #failure()} says what the gateway knows
 * about whether the scripts may have run, which decides retries and the caller's answer.
 */
public class UpstreamException extends RuntimeException {

    public enum Failure {
        /** Nothing reached the service (connection refused, connect timeout, TLS handshake). Safe to retry. */
        NOT_SENT(false),
        /** Rejected before processing (429 / APIGW.0308, APIGW.0613). Safe to retry after a delay. */
        THROTTLED(false),
        /** The service refused the request body (400). */
        REJECTED(false),
        /** The pool (or task) does not exist (404 from the Workspace service). */
        NOT_FOUND(false),
        /** The gateway's own AK/SK was refused (401/403). */
        CREDENTIALS_REFUSED(false),
        /** Another answer that proves nothing ran (other 4xx, a redirect, a misrouted API). */
        FAILED(false),
        /** The request was sent but no answer came in time: the scripts may be running. */
        TIMED_OUT(true),
        /** The request was sent and the connection broke before a whole answer (reset, EOF, body cut off): may have run. */
        CONNECTION_LOST(true),
        /** The request was sent and the answer does not tell (5xx, garbage, no task id): may have run. */
        UNKNOWN(true),
        /** Not sent: the circuit breaker is open because the upstream is failing. */
        CIRCUIT_OPEN(false),
        /** Not sent: the limit of concurrent upstream calls is reached. */
        BULKHEAD_FULL(false),
        /** Not sent: upstream calls are paused after repeated 401s, so the AK/SK does not get locked. */
        CREDENTIALS_LOCKED(false);

        private final boolean outcomeUnknown;

        Failure(boolean outcomeUnknown) {
            this.outcomeUnknown = outcomeUnknown;
        }

        public boolean outcomeUnknown() {
            return outcomeUnknown;
        }
    }

    private final Failure failure;
    private final @Nullable Integer status;
    private final @Nullable String errorCode;
    private final @Nullable String errorMessage;
    private final @Nullable String upstreamRequestId;
    private final @Nullable Duration retryAfter;
    private final int attempts;

    UpstreamException(Failure failure, String message, @Nullable Integer status, @Nullable String errorCode,
            @Nullable String errorMessage, @Nullable String upstreamRequestId, @Nullable Duration retryAfter,
            @Nullable Throwable cause) {
        this(failure, message, status, errorCode, errorMessage, upstreamRequestId, retryAfter, 1, cause);
    }

    private UpstreamException(Failure failure, String message, @Nullable Integer status, @Nullable String errorCode,
            @Nullable String errorMessage, @Nullable String upstreamRequestId, @Nullable Duration retryAfter,
            int attempts, @Nullable Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.status = status;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.upstreamRequestId = upstreamRequestId;
        this.retryAfter = retryAfter;
        this.attempts = attempts;
    }

    static UpstreamException io(Failure failure, String message, Throwable cause) {
        return new UpstreamException(failure, message, null, null, null, null, null, cause);
    }

    /** The gateway sent nothing (open circuit, full bulkhead, credentials pause); retry after {@code retryAfter}. */
    static UpstreamException shortCircuited(Failure failure, String message, Duration retryAfter) {
        return new UpstreamException(failure, message, null, null, null, null, retryAfter, 0, null);
    }

    /** This failure as the end of a call that made {@code attempts} upstream attempts. */
    UpstreamException afterAttempts(int attempts) {
        if (attempts == this.attempts) {
            return this;
        }
        var copy = new UpstreamException(failure, getMessage(), status, errorCode, errorMessage, upstreamRequestId,
                retryAfter, attempts, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    public Failure failure() {
        return failure;
    }

    public @Nullable Integer status() {
        return status;
    }

    /** The upstream's error code (e.g. {@code WKS.0001}, {@code APIGW.0308}), sanitized. */
    public @Nullable String errorCode() {
        return errorCode;
    }

    /** The upstream's error message: length-bounded, markup removed. */
    public @Nullable String errorMessage() {
        return errorMessage;
    }

    public @Nullable String upstreamRequestId() {
        return upstreamRequestId;
    }

    /**
     * How many times the gateway tried to reach the upstream for this call, retries included; 0 when
     * it sent nothing because the circuit was open, the bulkhead full or the credentials paused.
     */
    public int attempts() {
        return attempts;
    }

    /** The delay the upstream asked for (or the gateway's own, when it sent nothing), if any. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
