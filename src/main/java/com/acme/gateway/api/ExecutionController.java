package com.acme.gateway.api;

import com.acme.gateway.execution.ExecutionService;
import com.acme.gateway.workspace.Submission;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ExecutionController {

    /** How many times the gateway tried the upstream for this request, retries included. */
    static final String UPSTREAM_ATTEMPTS_HEADER = "X-Upstream-Attempts";

    private final SubmissionReader reader;
    private final ExecutionService executions;

    ExecutionController(SubmissionReader reader, ExecutionService executions) {
        this.reader = reader;
        this.executions = executions;
    }

    @PostMapping(path = "/api/v1/pools/{poolId}/script-executions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<ExecutionAccepted> submit(@PathVariable String poolId, HttpServletRequest request) throws IOException {
        var body = reader.read(poolId, request);
        Submission submission = executions.submit(poolId, body);
        return ResponseEntity.accepted()
                .header(UPSTREAM_ATTEMPTS_HEADER, Integer.toString(submission.attempts()))
                .location(URI.create("/api/v1/executions/" + submission.taskId()))
                .body(new ExecutionAccepted(submission.taskId(), null, poolId, null));
    }
}
