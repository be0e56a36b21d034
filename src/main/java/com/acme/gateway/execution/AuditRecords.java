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
        return new AuditEntry(id, caller.requestId(), now, outcome == Outcome.PENDING ? null : now,
                caller.principal(), caller.team(), caller.clientAddress(), submission.poolId(),
                request.scriptIds() == null ? List.of() : request.scriptIds(), request.commandType(),
                request.commandSha256(),
                command != null && settings.storeCommandContent() ? command : null,
                request.desktopIds() == null ? null : request.desktopIds().size(), request.grayCount(),
                gray == null ? null : gray.size(), request.grayFailThreshold(), request.postFinish(),
                request.executionTimeout(), submission.dryRun(), decision(decision), reasons(decision), outcome,
                null, null, null, null, 0, outcome == Outcome.PENDING ? null : 0L, submission.idempotencyKey(), replayOf);
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
