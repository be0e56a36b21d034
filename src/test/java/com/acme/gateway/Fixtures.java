package com.acme.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * What most tests send and how the test Workspace API ({@link TestUpstream}) accepts it: the pool
 * and API keys of the test policy ({@code src/test/resources/test-policy.yaml}), a script run, and
 * the execute stubs.
 */
public final class Fixtures {

    /** The pool that alpha, beta and the other test teams may all use. */
    public static final String POOL = "a130ab3a-72bf-4b71-baa9-af4987c8e338";
    public static final String SCRIPT = "0006e69f-5970-4af5-a652-e111055e630b";
    public static final String DESKTOP = "00298bb0-104a-4467-9b15-876c6fb7a99f";
    /** Runs {@link #SCRIPT} on {@link #DESKTOP}. */
    public static final String SCRIPT_RUN = "{\"script_ids\":[\"" + SCRIPT + "\"],\"desktop_ids\":[\"" + DESKTOP + "\"]}";
    public static final String EXECUTIONS_PATH = "/api/v1/pools/" + POOL + "/script-executions";

    public static final String ALPHA = "test-key-alpha";
    public static final String BETA = "test-key-beta";
    /** The key of the audit-reader role. */
    public static final String AUDITOR = "test-key-auditor";

    private Fixtures() {
    }

    /** The upstream's answer to an execute request that started task {@code taskId}. */
    public static ResponseDefinitionBuilder accepted(String taskId) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"task_id\":\"" + taskId + "\"}");
    }

    /** The upstream's answer to an execute request that started a new task with a random id. */
    public static ResponseDefinitionBuilder acceptedWithNewTask() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"task_id\":\"{{randomValue type='UUID'}}\"}").withTransformers("response-template");
    }

    /** Every execute request from now on gets {@code response}. */
    public static void executeAnswers(ResponseDefinitionBuilder response) {
        TestUpstream.server().stubFor(post(urlPathMatching(".*/script-executions")).willReturn(response));
    }
}
