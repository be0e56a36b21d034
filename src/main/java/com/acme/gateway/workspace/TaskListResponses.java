package com.acme.gateway.workspace;

import com.acme.gateway.request.Ids;
import com.acme.gateway.workspace.UpstreamException.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the upstream's task list defensively: bounded size, only well-formed values kept. */
final class TaskListResponses {

    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Pattern WORD = Pattern.compile("^[A-Za-z0-9_ .:+-]{1,64}$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TaskListResponses() {
    }

    static List<UpstreamTask> tasks(HttpStatusCode status, HttpHeaders headers, InputStream body) throws IOException {
        if (!status.is2xxSuccessful()) {
            // reuse the error classification of execute answers; a GET has no "unknown outcome"
            UpstreamResponses.task(status, headers, body);
        }
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        JsonNode list;
        try {
            list = bytes.length > MAX_BODY_BYTES ? null : JSON.readTree(bytes).get("script_execution_tasks");
        } catch (JacksonException e) {
            list = null;
        }
        if (list == null || !list.isArray()) {
            throw new UpstreamException(Failure.FAILED, "task list answer is not readable", status.value(), null, null,
                    null, null, null);
        }
        List<UpstreamTask> tasks = new ArrayList<>();
        for (JsonNode task : list) {
            String id = text(task, "id");
            if (id != null && Ids.isTaskId(id)) {
                tasks.add(new UpstreamTask(id, uuid(task, "desktop_pool_id"), scripts(task), word(task, "command_type"),
                        commandSha256(text(task, "command_content")), word(task, "start_time"), word(task, "end_time"),
                        word(task, "status"), number(task, "success_num"), number(task, "failed_num"),
                        number(task, "skip_num")));
            }
        }
        return tasks;
    }

    private static @Nullable String commandSha256(@Nullable String command) {
        return command == null ? null : RequestSigner.sha256Hex(command.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> scripts(JsonNode task) {
        JsonNode scripts = task.get("scripts");
        if (scripts == null || !scripts.isArray()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        scripts.forEach(s -> {
            String id = text(s, "id");
            if (id != null && Ids.isUuid(id)) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static @Nullable String uuid(JsonNode node, String field) {
        String value = text(node, field);
        return value != null && Ids.isUuid(value) ? value : null;
    }

    private static @Nullable String word(JsonNode node, String field) {
        String value = text(node, field);
        return value != null && WORD.matcher(value).matches() ? value : null;
    }

    private static @Nullable Integer number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToInt() && value.isIntegralNumber() ? value.asInt() : null;
    }
}
