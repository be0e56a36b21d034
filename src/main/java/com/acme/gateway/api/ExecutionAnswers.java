package com.acme.gateway.api;

import com.acme.gateway.execution.AnswerFormat;
import com.acme.gateway.execution.ExecutionResult;
import com.acme.gateway.idempotency.StoredAnswer;
import com.acme.gateway.problem.ProblemResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns execution results into HTTP answers. The same rendering is what an Idempotency-Key keeps,
 * so a repeat gets the first answer byte for byte.
 */
@Component
class ExecutionAnswers implements AnswerFormat {

    static final String EXECUTIONS = "/api/v1/executions/";
    static final String UPSTREAM_ATTEMPTS = "X-Upstream-Attempts";

    private final JsonMapper json;

    ExecutionAnswers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public StoredAnswer render(ExecutionResult result) {
        Map<String, String> headers = new LinkedHashMap<>();
        return switch (result) {
            case ExecutionResult.Accepted accepted -> {
                headers.put(HttpHeaders.LOCATION, EXECUTIONS + accepted.taskId());
                headers.put(UPSTREAM_ATTEMPTS, Integer.toString(accepted.attempts()));
                yield new StoredAnswer(202, json.writeValueAsString(accepted.body()), headers);
            }
            case ExecutionResult.DryRun dryRun -> new StoredAnswer(200, json.writeValueAsString(dryRun.report()), headers);
            case ExecutionResult.Refused refused -> {
                if (refused.attempts() != null) {
                    headers.put(UPSTREAM_ATTEMPTS, refused.attempts().toString());
                }
                if (refused.retryAfterSeconds() != null) {
                    headers.put(HttpHeaders.RETRY_AFTER, refused.retryAfterSeconds().toString());
                }
                yield new StoredAnswer(refused.problem().status(), refused.problem().json(), headers);
            }
            case ExecutionResult.Replayed replayed -> replayed.answer();
        };
    }

    ResponseEntity<String> respond(ExecutionResult result) {
        StoredAnswer answer = render(result);
        return ProblemResponses.entity(answer.status(), answer.headers(), answer.body());
    }
}
