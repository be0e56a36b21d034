package com.acme.gateway.idempotency;

import java.util.UUID;

/** The result of claiming an idempotency key for a request. */
public sealed interface Claim {

    /** The key is now this request's: go ahead, then complete or release it. */
    record Claimed() implements Claim {
    }

    /** Another request with the same key and request is still running (answer 409). */
    record InFlight(UUID auditId) implements Claim {
    }

    /**
     * The same request claimed the key longer ago than {@code gateway.idempotency.in-flight-timeout}
     * and never stored an answer: whoever ran it stopped, so the outcome is unknown. Settle it with
     * {@link IdempotencyStore#settleAbandoned}.
     */
    record Abandoned(UUID auditId) implements Claim {
    }

    /** The same request ran before: replay its answer; {@code auditId} is the original audit row. */
    record Completed(StoredAnswer answer, UUID auditId) implements Claim {
    }

    /** The key was used for a different request (answer 422). */
    record Mismatch() implements Claim {
    }
}
