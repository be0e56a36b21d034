package com.acme.gateway.execution;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** The catalogue of problems the API answers with: a stable type URI and a fixed title each. */
public enum ProblemType {
    VALIDATION("validation", "Request is invalid", HttpStatus.BAD_REQUEST),
    BAD_REQUEST("bad-request", "Request cannot be parsed as HTTP", HttpStatus.BAD_REQUEST),
    REQUEST_TIMEOUT("request-timeout", "Request did not arrive in time", HttpStatus.REQUEST_TIMEOUT),
    MALFORMED_BODY("malformed-body", "Request body is not valid JSON for this operation", HttpStatus.BAD_REQUEST),
    BODY_TOO_LARGE("body-too-large", "Request body is too large", HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Content type is not supported", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    NOT_ACCEPTABLE("not-acceptable", "Cannot produce an acceptable representation", HttpStatus.NOT_ACCEPTABLE),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method is not allowed on this resource", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_FOUND("not-found", "Resource not found", HttpStatus.NOT_FOUND),
    UPSTREAM_REJECTED("upstream-rejected", "Workspace API rejected the request", HttpStatus.BAD_REQUEST),
    POOL_NOT_FOUND("pool-not-found", "Workspace API does not know this pool", HttpStatus.NOT_FOUND),
    UPSTREAM_CREDENTIALS("upstream-credentials-refused", "Gateway's Workspace credentials were refused", HttpStatus.BAD_GATEWAY),
    UPSTREAM_FAILED("upstream-failed", "Workspace API failed; nothing was executed", HttpStatus.BAD_GATEWAY),
    OUTCOME_UNKNOWN("outcome-unknown", "Outcome unknown: the scripts may be running", HttpStatus.BAD_GATEWAY),
    UPSTREAM_TIMEOUT("upstream-timeout", "Workspace API did not answer in time: outcome unknown", HttpStatus.GATEWAY_TIMEOUT),
    UPSTREAM_CONNECTION_LOST("upstream-connection-lost", "Connection to the Workspace API broke after sending: outcome unknown", HttpStatus.GATEWAY_TIMEOUT),
    UPSTREAM_UNAVAILABLE("upstream-unavailable", "Workspace API is unavailable; nothing was sent", HttpStatus.SERVICE_UNAVAILABLE),
    POLICY_DENIED("policy-denied", "The team policy does not allow this request", HttpStatus.FORBIDDEN),
    RATE_LIMITED("rate-limited", "The team's rate limit is exhausted", HttpStatus.TOO_MANY_REQUESTS),
    IDEMPOTENCY_IN_FLIGHT("idempotency-in-flight", "A request with this Idempotency-Key is still running", HttpStatus.CONFLICT),
    POOL_BUSY("pool-busy", "The pool is busy with another rollout", HttpStatus.CONFLICT),
    IDEMPOTENCY_MISMATCH("idempotency-key-reused", "This Idempotency-Key was used for a different request", HttpStatus.UNPROCESSABLE_CONTENT),
    AUDIT_UNAVAILABLE("audit-unavailable", "The audit store is unavailable; nothing was executed", HttpStatus.SERVICE_UNAVAILABLE),
    CIRCUIT_OPEN("circuit-open", "Workspace API is failing; the gateway is not sending requests for now", HttpStatus.SERVICE_UNAVAILABLE),
    UPSTREAM_BUSY("upstream-busy", "Too many requests to the Workspace API in flight; nothing was sent", HttpStatus.SERVICE_UNAVAILABLE),
    UPSTREAM_CREDENTIALS_LOCKED("upstream-credentials-locked", "Gateway paused upstream calls after its credentials were refused", HttpStatus.SERVICE_UNAVAILABLE),
    INTERNAL("internal", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

    public static final String BASE = "https://gateway.acme.com/problems/";

    private final String slug;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public URI type() {
        return URI.create(BASE + slug);
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }
}
