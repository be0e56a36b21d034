package com.acme.gateway.execution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Renders execution answers (successes and RFC 9457 problems) as JSON text. */
@Component
class Answers {

    private final JsonMapper json;

    Answers(JsonMapper json) {
        this.json = json;
    }

    ExecutionAnswer ok(int status, Map<String, String> headers, Object body) {
        return new ExecutionAnswer(status, headers, json.writeValueAsString(body));
    }

    /** The 202 for a started task, whether the upstream said so at once or the task was found later. */
    ExecutionAnswer accepted(ExecutionAccepted accepted, int attempts) {
        return ok(202, Map.of("Location", "/api/v1/executions/" + accepted.taskId(),
                "X-Upstream-Attempts", Integer.toString(attempts)), accepted);
    }

    ExecutionAnswer problem(ProblemType type, String detail, String instance, Map<String, String> headers,
            Map<String, @Nullable Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.type().toString());
        body.put("title", type.title());
        body.put("status", type.status().value());
        body.put("detail", detail);
        body.put("instance", instance);
        extensions.forEach((name, value) -> {
            if (value != null) {
                body.put(name, value);
            }
        });
        return new ExecutionAnswer(type.status().value(), headers, json.writeValueAsString(body));
    }

    ExecutionAnswer problem(ProblemType type, String detail, String instance) {
        return problem(type, detail, instance, Map.of(), Map.of());
    }

    static List<Map<String, String>> reasons(List<com.acme.gateway.policy.Reason> reasons) {
        return reasons.stream().map(r -> Map.of("rule", r.rule(), "detail", r.detail())).toList();
    }
}
