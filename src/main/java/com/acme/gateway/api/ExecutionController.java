package com.acme.gateway.api;

import com.acme.gateway.execution.Caller;
import com.acme.gateway.execution.ExecutionAnswer;
import com.acme.gateway.execution.ExecutionMetrics;
import com.acme.gateway.execution.ExecutionService;
import com.acme.gateway.execution.ProblemType;
import com.acme.gateway.execution.Submission;
import com.acme.gateway.idempotency.IdempotencyKeys;
import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.request.Ids;
import com.acme.gateway.request.ScriptExecutionRequest;
import com.acme.gateway.security.TeamPrincipal;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ExecutionController {

    private static final Logger log = LoggerFactory.getLogger(ExecutionController.class);

    private final SubmissionReader reader;
    private final ExecutionService executions;
    private final ExecutionMetrics metrics;

    ExecutionController(SubmissionReader reader, ExecutionService executions, ExecutionMetrics metrics) {
        this.reader = reader;
        this.executions = executions;
        this.metrics = metrics;
    }

    @PostMapping(path = "/api/v1/pools/{poolId}/script-executions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<String> submit(@PathVariable String poolId,
            // declared for the OpenAPI document only: SubmissionQuery reads the raw query strictly
            @Parameter(description = "true: validate, authorize and report without sending; only true or false, once")
            @RequestParam(name = SubmissionQuery.DRY_RUN, required = false) @Nullable String dryRunParameter,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
            @AuthenticationPrincipal TeamPrincipal principal, HttpServletRequest request) throws IOException {
        long started = System.nanoTime();
        Caller caller = new Caller(principal.id(), principal.team(), request.getRemoteAddr(), RequestIdFilter.of(request));
        ScriptExecutionRequest body;
        boolean dryRun;
        try {
            dryRun = checkQueryAndHeaders(request, idempotencyKey);
            body = reader.read(poolId, request);
        } catch (InvalidRequestException | BodyTooLargeException e) {
            log.info("Invalid script-execution request from {} ({}): {}", caller.principal(), caller.team(), e.getMessage());
            metrics.executed(caller.team(), Outcome.INVALID, ExecutionMetrics.UNKNOWN_KIND,
                    Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
        ExecutionAnswer answer = executions.submit(caller, new Submission(Ids.canonical(poolId), body, dryRun,
                idempotencyKey == null ? null : Ids.canonical(idempotencyKey)));
        var response = ResponseEntity.status(answer.status())
                .contentType(answer.problem() ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
        answer.headers().forEach(response::header);
        return response.body(answer.body());
    }

    /** Whether this is a dry run; every problem of the query and of the Idempotency-Key in one 400. */
    private static boolean checkQueryAndHeaders(HttpServletRequest request, @Nullable String key) {
        List<FieldError> errors = new ArrayList<>();
        boolean dryRun = SubmissionQuery.dryRun(request.getParameterMap(), errors);
        if (key != null && !IdempotencyKeys.isValid(key)) {
            errors.add(FieldError.parameter("Idempotency-Key",
                    "must be 1-255 characters of A-Z a-z 0-9 . _ : - (a random UUID is recommended)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(ProblemType.VALIDATION, errors);
        }
        return dryRun;
    }
}
