package com.acme.gateway.audit;

import static com.acme.gateway.Fixtures.POOL;

import com.acme.gateway.lifecycle.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Audit entries for tests. */
final class AuditEntries {

    static final String SCRIPT = "0006e69f-5970-4af5-a652-e111055e630b";

    private AuditEntries() {
    }

    /** A request as written before the upstream call. */
    static AuditEntry pending(String team, String poolId, Instant createdAt) {
        return entry(team, poolId, createdAt, Outcome.PENDING, null);
    }

    /** A request as written before the upstream call, with its id made as the gateway makes it. */
    static AuditEntry pendingWithGatewayId(String team, Instant createdAt) {
        return AuditEntry.builder().id(AuditIds.at(createdAt)).requestId("req-" + UUID.randomUUID()).createdAt(createdAt)
                .team(team).poolId(POOL).scriptIds(List.of(SCRIPT)).decision(AuditEntry.Decision.ALLOWED)
                .outcome(Outcome.PENDING).build();
    }

    static AuditEntry entry(String team, String poolId, Instant createdAt, Outcome outcome, @Nullable String taskId) {
        return AuditEntry.builder()
                .id(UUID.randomUUID())
                .requestId("req-" + UUID.randomUUID())
                .createdAt(createdAt)
                .principal("svc-" + team)
                .team(team)
                .clientAddress("10.0.0.7")
                .poolId(poolId)
                .scriptIds(List.of(SCRIPT))
                .decision(AuditEntry.Decision.ALLOWED)
                .outcome(outcome)
                .taskId(taskId)
                .build();
    }

    /** Every column filled, as for a finished shell command with a canary batch. */
    static AuditEntry complete(String team, String taskId, Instant createdAt) {
        return AuditEntry.builder()
                .id(UUID.randomUUID())
                .requestId("req-1")
                .createdAt(createdAt)
                .completedAt(createdAt.plusMillis(1234))
                .principal("svc-payments")
                .team(team)
                .clientAddress("2001:db8::1")
                .poolId(POOL)
                .scriptIds(List.of(SCRIPT, "1116e69f-5970-4af5-a652-e111055e630b"))
                .commandType("SHELL")
                .commandSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .commandContent("echo hello")
                .desktopCount(40)
                .grayCount(2)
                .grayDesktopCount(1)
                .grayFailThreshold(1)
                .postFinish("reboot")
                .executionTimeout(30)
                .decision(AuditEntry.Decision.ALLOWED)
                .reasons(List.of(new AuditEntry.Reason("pools", "pool allowed"),
                        new AuditEntry.Reason("canary", "gray batch of 2")))
                .outcome(Outcome.SUBMITTED)
                .upstreamStatus(200)
                .upstreamRequestId("upstream-req-9")
                .taskId(taskId)
                .attempts(2)
                .durationMs(1234L)
                .idempotencyKey("key-1")
                .replayOf(UUID.randomUUID())
                .build();
    }
}
