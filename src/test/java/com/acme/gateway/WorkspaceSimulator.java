package com.acme.gateway;

import static com.acme.gateway.Fixtures.POOL;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * An embedded stand-in for the Workspace API, for the demo ({@code ./mvnw spring-boot:test-run}):
 * every signed execute request on a known pool gets a fresh task id; unknown pools get the
 * upstream's 404; every signed stop request is accepted.
 */
final class WorkspaceSimulator {

    static final String PROJECT_ID = "0bec5db98280d2d02fd6c00c2de791ce";
    static final String DEMO_POOL = POOL;
    static final String PAYMENTS_POOL = "3f1c2a9e-5d47-4c1b-9a0e-6b2d8f4e7c11";
    static final String OPS_POOL = "7b9e4d20-1c3f-4e8a-8f52-0d6a3b1e9c45";
    private static final String UUID = "[0-9a-fA-F-]{36}";

    private WorkspaceSimulator() {
    }

    static WireMockServer start(int port) {
        WireMockServer server = new WireMockServer(options().port(port).templatingEnabled(true));
        server.start();
        server.stubFor(post(urlPathMatching("/v2/" + PROJECT_ID + "/desktop-pools/" + UUID + "/script-executions"))
                .atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error_code\":\"WKS.0104\",\"error_msg\":\"The desktop pool does not exist.\"}")));
        for (String pool : new String[] {DEMO_POOL, PAYMENTS_POOL, OPS_POOL}) {
            server.stubFor(post(urlPathMatching("/v2/" + PROJECT_ID + "/desktop-pools/" + pool + "/script-executions"))
                    .atPriority(1)
                    .withHeader("Authorization", matching("SDK-HMAC-SHA256 Access=.+, SignedHeaders=.+, Signature=[0-9a-f]{64}"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withHeader("X-Request-Id", "{{randomValue length=32 type='ALPHANUMERIC'}}")
                            .withBody("{\"task_id\":\"{{randomValue type='UUID'}}\"}")
                            .withTransformers("response-template")));
        }
        server.stubFor(post(urlPathMatching("/v2/" + PROJECT_ID + "/script-executions/stop"))
                .withHeader("Authorization", matching("SDK-HMAC-SHA256 Access=.+, SignedHeaders=.+, Signature=[0-9a-f]{64}"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("X-Request-Id", "{{randomValue length=32 type='ALPHANUMERIC'}}")
                        .withTransformers("response-template")));
        server.stubFor(get(urlPathMatching("/v2/" + PROJECT_ID + "/desktop-pools/script-execution-tasks/detail"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"total_count\":1,\"script_execution_tasks\":[{\"id\":\"{{request.query.task_id}}\","
                                + "\"desktop_pool_id\":\"" + DEMO_POOL + "\",\"status\":\"FINISH\",\"success_num\":2,"
                                + "\"failed_num\":0,\"skip_num\":0}]}")
                        .withTransformers("response-template")));
        return server;
    }
}
