package com.acme.gateway.api;

import com.acme.gateway.execution.Caller;
import com.acme.gateway.problem.FieldError;
import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemType;
import com.acme.gateway.execution.StopAccepted;
import com.acme.gateway.execution.StopService;
import com.acme.gateway.request.Ids;
import com.acme.gateway.security.TeamPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Stops a running execution: for the team that started it, or any caller with the {@code operator} role. */
@RestController
class StopController {

    static final String OPERATOR = "operator";
    private static final int MAX_BODY_BYTES = 1024;
    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final StopService stops;
    private final ExecutionAnswers answers;
    private final JsonMapper json;

    StopController(StopService stops, ExecutionAnswers answers, JsonMapper json) {
        this.stops = stops;
        this.answers = answers;
        this.json = json;
    }

    /** The optional body: one desktop's execution record instead of the whole task. */
    record StopRequest(@Schema(name = "record_id", description = "stop only this desktop's execution record",
            pattern = "^[A-Za-z0-9-]{1,64}$") @Nullable String recordId) {
    }

    @Operation(operationId = "stopExecution", summary = "Stop a running execution of your team (any team's with the "
            + "operator role); safe to repeat. Optional body {\"record_id\": \"...\"} stops one desktop's record only.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = StopRequest.class))),
            responses = {
                @ApiResponse(responseCode = "202", description = "The Workspace API accepted the stop",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                schema = @Schema(implementation = StopAccepted.class))),
                @ApiResponse(responseCode = "4XX", description = "Invalid, or no such execution of your team",
                        content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class))),
                @ApiResponse(responseCode = "5XX", description = "The stop was not sent, or its effect is unknown",
                        content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
            })
    @PostMapping(path = "/api/v1/executions/{taskId}/stop",
            produces = {MediaType.APPLICATION_JSON_VALUE, Problem.CONTENT_TYPE})
    ResponseEntity<String> stop(@PathVariable String taskId, @AuthenticationPrincipal TeamPrincipal principal,
            HttpServletRequest request) throws IOException {
        List<FieldError> errors = new ArrayList<>();
        if (!Ids.isTaskId(taskId)) {
            errors.add(FieldError.parameter("taskId", Ids.TASK_ID_MESSAGE));
        }
        String recordId = recordId(request, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(ProblemType.VALIDATION, errors);
        }
        Caller caller = new Caller(principal.id(), principal.team(), request.getRemoteAddr(), RequestIdFilter.of(request));
        return answers.respond(stops.stop(caller, principal.roles().contains(OPERATOR), taskId, recordId,
                ExecutionAnswers.EXECUTIONS + taskId + "/stop"));
    }

    /** No body, an empty body or {@code {}} stop the whole task; only {@code record_id} is accepted. */
    private @Nullable String recordId(HttpServletRequest request, List<FieldError> errors) throws IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new ProblemException(ProblemType.BODY_TOO_LARGE, "A stop request body is at most " + MAX_BODY_BYTES + " bytes.");
        }
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequestException(ProblemType.MALFORMED_BODY,
                    List.of(FieldError.body("#", "must be a JSON object such as {\"record_id\": \"...\"}")));
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException(ProblemType.MALFORMED_BODY,
                    List.of(FieldError.body("#", "must be a JSON object such as {\"record_id\": \"...\"}")));
        }
        node.propertyNames().stream().filter(name -> !"record_id".equals(name))
                .forEach(name -> errors.add(FieldError.body("#/" + name, "unknown field; only record_id is accepted")));
        JsonNode record = node.get("record_id");
        if (record == null || record.isNull()) {
            return null;
        }
        if (!record.isString() || !RECORD_ID.matcher(record.asString()).matches()) {
            errors.add(FieldError.body("#/record_id", "must be 1-64 letters, digits or '-'"));
            return null;
        }
        return record.asString();
    }
}
