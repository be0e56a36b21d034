package com.acme.gateway.api;

import com.acme.gateway.execution.ExecutionHistory;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every team's execution records, for the {@code audit-reader} role (enforced by the security configuration). */
@RestController
class AuditEventsController {

    private final ExecutionHistory history;

    AuditEventsController(ExecutionHistory history) {
        this.history = history;
    }

    @Operation(operationId = "listAuditEvents",
            summary = "All teams' execution records (role audit-reader), newest first, paged and filtered")
    @GetMapping(path = "/api/v1/audit-events", produces = MediaType.APPLICATION_JSON_VALUE)
    ExecutionPage list(@RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String size,
            @RequestParam(name = "pool_id", required = false) @Nullable String poolId,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String team, HttpServletRequest request) {
        ListingQuery query = ListingQuery.parse(new ListingQuery.Raw(page, size, poolId, outcome, from, to, team),
                request.getParameterMap().keySet(), ListingQuery.PARAMETERS_WITH_TEAM);
        return ExecutionPage.of(history.ofAnyTeam(query.team(), query.filter(), query.page()), ExecutionRecord::anyTeam);
    }
}
