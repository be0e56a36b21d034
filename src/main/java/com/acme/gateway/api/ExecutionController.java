package com.acme.gateway.api;

import com.acme.gateway.execution.Caller;
import com.acme.gateway.execution.DryRunReport;
import com.acme.gateway.execution.ExecutionAccepted;
import com.acme.gateway.execution.ExecutionService;
import com.acme.gateway.execution.Submission;
import com.acme.gateway.idempotency.IdempotencyKeys;
import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.problem.FieldError;
import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemType;
import com.acme.gateway.request.Ids;
import com.acme.gateway.request.ScriptExecutionRequest;
import com.acme.gateway.security.TeamPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
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
    private final ExecutionAnswers answers;

    ExecutionController(SubmissionReader reader, ExecutionService executions, ExecutionAnswers answers) {
        this.reader = reader;
        this.executions = executions;
        this.answers = answers;
    }

    // the body is read and answered as raw JSON (strict parsing, stored answers replayed byte for byte);
    // these annotations give the OpenAPI document the shapes on the wire
    @Operation(operationId = "submitScriptExecution", summary = "Run scripts on a desktop pool, or with dry_run=true "
            + "only decide and report what would be sent",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ScriptExecutionRequest.class))),
            responses = {
                @ApiResponse(responseCode = "202", description = "Sent; the Workspace API started the task",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                schema = @Schema(implementation = ExecutionAccepted.class))),
                @ApiResponse(responseCode = "200", description = "Dry run: the decision and what would be sent",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                schema = @Schema(implementation = DryRunReport.class))),
                @ApiResponse(responseCode = "4XX", description = "Refused: invalid, denied, rate limited, key reused",
                        content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class))),
                @ApiResponse(responseCode = "5XX", description = "Not sent, or sent with an unknown outcome (see type)",
                        content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
            })
    @PostMapping(path = "/api/v1/pools/{poolId}/script-executions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, Problem.CONTENT_TYPE})
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
            executions.turnedAway(caller.team(), Outcome.INVALID, started);
            throw e;
        }
        String pool = Ids.canonical(poolId);
        return answers.respond(executions.submit(caller, new Submission(pool, body, dryRun,
                idempotencyKey == null ? null : Ids.canonical(idempotencyKey),
                "/api/v1/pools/" + pool + "/script-executions")));
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
