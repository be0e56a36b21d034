package com.acme.gateway.problem;

import java.net.URI;

/** The catalogue of problems the gateway answers with: a stable type URI, a fixed title and the HTTP status each. */
public enum ProblemType {
    VALIDATION("validation", "Request is invalid", 400),
    BAD_REQUEST("bad-request", "Request cannot be parsed as HTTP", 400),
    REQUEST_TIMEOUT("request-timeout", "Request did not arrive in time", 408),
    MALFORMED_BODY("malformed-body", "Request body is not valid JSON for this operation", 400),
    BODY_TOO_LARGE("body-too-large", "Request body is too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Content type is not supported", 415),
    NOT_ACCEPTABLE("not-acceptable", "Cannot produce an acceptable representation", 406),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method is not allowed on this resource", 405),
    NOT_FOUND("not-found", "Resource not found", 404),
    UPSTREAM_REJECTED("upstream-rejected", "Workspace API rejected the request", 400),
    POOL_NOT_FOUND("pool-not-found", "Workspace API does not know this pool", 404),
    UPSTREAM_CREDENTIALS("upstream-credentials-refused", "Gateway's Workspace credentials were refused", 502),
    UPSTREAM_FAILED("upstream-failed", "Workspace API failed; nothing was executed", 502),
    OUTCOME_UNKNOWN("outcome-unknown", "Outcome unknown: the scripts may be running", 502),
    UPSTREAM_TIMEOUT("upstream-timeout", "Workspace API did not answer in time: outcome unknown", 504),
    UPSTREAM_CONNECTION_LOST("upstream-connection-lost", "Connection to the Workspace API broke after sending: outcome unknown", 504),
    UPSTREAM_UNAVAILABLE("upstream-unavailable", "Workspace API is unavailable; nothing was sent", 503),
    POLICY_DENIED("policy-denied", "The team policy does not allow this request", 403),
    RATE_LIMITED("rate-limited", "The team's rate limit is exhausted", 429),
    IDEMPOTENCY_IN_FLIGHT("idempotency-in-flight", "A request with this Idempotency-Key is still running", 409),
    POOL_BUSY("pool-busy", "The pool is busy with another rollout", 409),
    IDEMPOTENCY_MISMATCH("idempotency-key-reused", "This Idempotency-Key was used for a different request", 422),
    AUDIT_UNAVAILABLE("audit-unavailable", "The audit store is unavailable; nothing was executed", 503),
    CIRCUIT_OPEN("circuit-open", "Workspace API is failing; the gateway is not sending requests for now", 503),
    UPSTREAM_BUSY("upstream-busy", "Too many requests to the Workspace API in flight; nothing was sent", 503),
    UPSTREAM_CREDENTIALS_LOCKED("upstream-credentials-locked", "Gateway paused upstream calls after its credentials were refused", 503),
    UNAUTHENTICATED("unauthenticated", "Authentication required", 401),
    FORBIDDEN("forbidden", "Forbidden", 403),
    AUTHENTICATION_UNAVAILABLE("authentication-unavailable", "Authentication unavailable", 503),
    GATEWAY_BUSY("gateway-busy", "The gateway is at its limit of concurrent requests; nothing was done", 503),
    INTERNAL("internal", "Internal error", 500);

    private static final String BASE = "https://gateway.acme.com/problems/";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
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

    public int status() {
        return status;
    }
}
