package com.acme.gateway.api;

import com.acme.gateway.execution.ExecutionHistory;
import com.acme.gateway.problem.FieldError;
import com.acme.gateway.problem.ProblemType;
import com.acme.gateway.request.Ids;
import com.acme.gateway.security.TeamPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller team's own executions: only ever its own rows (another team's task is simply not found). */
@RestController
class ExecutionQueryController {

    private final ExecutionHistory history;

    ExecutionQueryController(ExecutionHistory history) {
        this.history = history;
    }

    @Operation(operationId = "listExecutions", summary = "Your team's execution records, newest first, paged and filtered")
    @GetMapping(path = "/api/v1/executions", produces = MediaType.APPLICATION_JSON_VALUE)
    ExecutionPage list(@RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String size,
            @RequestParam(name = "pool_id", required = false) @Nullable String poolId,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @AuthenticationPrincipal TeamPrincipal principal, HttpServletRequest request) {
        ListingQuery query = ListingQuery.parse(new ListingQuery.Raw(page, size, poolId, outcome, from, to, null),
                request.getParameterMap().keySet(), ListingQuery.PARAMETERS);
        return ExecutionPage.of(history.ofTeam(principal.team(), query.filter(), query.page()), ExecutionRecord::own);
    }

    @Operation(operationId = "getExecution",
            summary = "One execution of your team with the task's live status from the Workspace API")
    @GetMapping(path = "/api/v1/executions/{taskId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ExecutionStatus get(@PathVariable String taskId, @AuthenticationPrincipal TeamPrincipal principal) {
        if (!Ids.isTaskId(taskId)) {
            throw new InvalidRequestException(ProblemType.VALIDATION,
                    List.of(FieldError.parameter("taskId", Ids.TASK_ID_MESSAGE)));
        }
        return history.ofTask(principal.team(), taskId)
                .map(ExecutionStatus::of)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "Your team has no execution with this task id."));
    }
}
