package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.SCRIPT_RUN;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Executions created through the real POST endpoint, and reading of the read API's answers. */
final class Submissions {

    /** Only beta may use this pool. */
    static final String BETA_POOL = "5f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b";

    private static final JsonMapper JSON = JsonMapper.shared();

    private Submissions() {
    }

    /** Submits a script run; the upstream answers with a fresh task id, which is returned. */
    static String submit(MockMvcTester mvc, String apiKey, String pool, String body, String query) {
        String taskId = UUID.randomUUID().toString();
        Fixtures.executeAnswers(Fixtures.accepted(taskId));
        MvcTestResult result = mvc.post().uri("/api/v1/pools/" + pool + "/script-executions" + query)
                .header("X-API-Key", apiKey).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
        assertThat(result).hasStatus(query.contains("dry_run") ? 200 : 202);
        return taskId;
    }

    static String submit(MockMvcTester mvc, String apiKey, String pool) {
        return submit(mvc, apiKey, pool, SCRIPT_RUN, "");
    }

    static String body(MvcTestResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    static JsonNode json(MvcTestResult result) {
        return JSON.readTree(result.getResponse().getContentAsByteArray());
    }

    /** The task ids of a listing's items, in order. */
    static List<String> taskIds(MvcTestResult result) {
        List<String> ids = new ArrayList<>();
        json(result).get("items").forEach(item -> ids.add(item.get("task_id").isNull() ? null : item.get("task_id").asString()));
        return ids;
    }
}
