package com.acme.gateway.execution;

import static com.acme.gateway.Fixtures.DESKTOP;
import static com.acme.gateway.Fixtures.POOL;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.acme.gateway.Fixtures;
import com.acme.gateway.TestUpstream;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The test Workspace API ({@link TestUpstream}) as these tests set it up, and the requests they send. */
final class Upstream {

    private static final JsonMapper JSON = JsonMapper.shared();

    private Upstream() {
    }

    /** A body that no other test sends, so that its audit rows and tasks are this test's alone. */
    static String commandBody(String command) {
        return "{\"command_type\":\"SHELL\",\"command_content\":\"" + command + "\",\"desktop_ids\":[\"" + DESKTOP + "\"]}";
    }

    static void reset() {
        TestUpstream.server().resetAll();
    }

    /** Every execute request starts a new task with a random id. */
    static void accepts() {
        accepts(0);
    }

    static void accepts(int delayMillis) {
        Fixtures.executeAnswers(Fixtures.acceptedWithNewTask().withFixedDelay(delayMillis));
    }

    /** The task list answers every query with these tasks. */
    static void lists(List<Map<String, Object>> tasks) {
        TestUpstream.server().stubFor(get(urlPathMatching(".*/script-execution-tasks/detail"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(JSON.writeValueAsString(Map.of("total_count", tasks.size(), "script_execution_tasks", tasks)))));
    }

    static Map<String, Object> shellTask(String id, String command, String startTime) {
        return Map.of("id", id, "desktop_pool_id", POOL, "scripts", List.of(), "command_type", "SHELL",
                "command_content", command, "start_time", startTime, "status", "RUNNING");
    }

    static int executeRequests() {
        return TestUpstream.server().findAll(postRequestedFor(anyUrl())).size();
    }
}
