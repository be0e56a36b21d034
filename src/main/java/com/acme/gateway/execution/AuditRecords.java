package com.acme.gateway.execution;

import com.acme.gateway.audit.AuditEntry;
import com.acme.gateway.audit.AuditSettings;
import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.policy.Decision;
import com.acme.gateway.request.ScriptExecutionRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Builds audit rows from a validated request and what the gateway decided about it. */
@Component
class AuditRecords {

    private final AuditSettings settings;

    AuditRecords(AuditSettings settings) {
        this.settings = settings;
    }

    /** A row for this request; {@code replayOf} links a duplicate to the row whose answer it repeats. */
    AuditEntry entry(UUID id, Caller caller, Submission submission, @Nullable Decision decision, Outcome outcome,
            @Nullable UUID replayOf, Instant now) {
        ScriptExecutionRequest request = submission.request();
        String command = request.commandContent();
        List<String> gray = request.grayDesktopIds();
        boolean pending = outcome == Outcome.PENDING;
        return byCaller(id, caller, now)
                .completedAt(pending ? null : now)
                .poolId(submission.poolId())
                .scriptIds(request.scriptIds() == null ? List.of() : request.scriptIds())
                .commandType(request.commandType())
                .commandSha256(request.commandSha256())
                .commandContent(command != null && settings.storeCommandContent() ? command : null)
                .desktopCount(request.desktopIds() == null ? null : request.desktopIds().size())
                .grayCount(request.grayCount())
                .grayDesktopCount(gray == null ? null : gray.size())
                .grayFailThreshold(request.grayFailThreshold())
                .postFinish(request.postFinish())
                .executionTimeout(request.executionTimeout())
                .dryRun(submission.dryRun())
                .decision(decision(decision))
                .reasons(reasons(decision))
                .outcome(outcome)
                .durationMs(pending ? null : 0L)
                .idempotencyKey(submission.idempotencyKey())
                .replayOf(replayOf)
                .build();
    }

    /** A row of a request made by {@code caller} that arrived {@code now}. */
    static AuditEntry.Builder byCaller(UUID id, Caller caller, Instant now) {
        return AuditEntry.builder()
                .id(id)
                .requestId(caller.requestId())
                .createdAt(now)
                .principal(caller.principal())
                .team(caller.team())
                .clientAddress(caller.clientAddress());
    }

    private static AuditEntry.@Nullable Decision decision(@Nullable Decision decision) {
        if (decision == null) {
            return null;
        }
        return decision.allowed() ? AuditEntry.Decision.ALLOWED : AuditEntry.Decision.DENIED;
    }

    private static List<AuditEntry.Reason> reasons(@Nullable Decision decision) {
        return decision == null ? List.of()
                : decision.reasons().stream().map(r -> new AuditEntry.Reason(r.rule(), r.detail())).toList();
    }
}
