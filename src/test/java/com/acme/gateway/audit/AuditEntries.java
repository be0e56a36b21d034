package com.acme.gateway.audit;

import com.acme.gateway.lifecycle.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Audit entries for tests. */
final class AuditEntries {

    static final String POOL = "a130ab3a-72bf-4b71-baa9-af4987c8e338";
    static final String SCRIPT = "0006e69f-5970-4af5-a652-e111055e630b";

    private AuditEntries() {
    }

    /** A request as written before the upstream call. */
    static AuditEntry pending(String team, String poolId, Instant createdAt) {
        return entry(team, poolId, createdAt, Outcome.PENDING, null);
    }

    static AuditEntry entry(String team, String poolId, Instant createdAt, Outcome outcome, @Nullable String taskId) {
        return new AuditEntry(UUID.randomUUID(), "req-" + UUID.randomUUID(), createdAt, null, "svc-" + team, team,
                "10.0.0.7", poolId, List.of(SCRIPT), null, null, null, null, null, null, null, null, null,
                false, AuditEntry.Decision.ALLOWED, List.of(), outcome, null, null, null, taskId, 0, null, null, null);
    }

    /** Every column filled, as for a finished shell command with a canary batch. */
    static AuditEntry complete(String team, String taskId, Instant createdAt) {
        return new AuditEntry(UUID.randomUUID(), "req-1", createdAt, createdAt.plusMillis(1234), "svc-payments", team,
                "2001:db8::1", POOL, List.of(SCRIPT, "1116e69f-5970-4af5-a652-e111055e630b"), "SHELL",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "echo hello", 40, 2, 1, 1,
                "reboot", 30, false, AuditEntry.Decision.ALLOWED,
                List.of(new AuditEntry.Reason("pools", "pool allowed"), new AuditEntry.Reason("canary", "gray batch of 2")),
                Outcome.SUBMITTED, 200, null, "upstream-req-9", taskId, 2, 1234L, "key-1",
                UUID.randomUUID());
    }
}
