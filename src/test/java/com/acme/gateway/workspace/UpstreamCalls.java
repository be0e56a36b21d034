package com.acme.gateway.workspace;

import static com.acme.gateway.Fixtures.EXECUTIONS_PATH;
import static com.acme.gateway.Fixtures.SCRIPT_RUN;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;

import com.acme.gateway.Fixtures;
import com.acme.gateway.TestUpstream;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** What the resilience tests send and how they count what reached the upstream. */
final class UpstreamCalls {

    static final String TASK_ID = "9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11";
    static final String PROBLEMS = "https://gateway.acme.com/problems/";

    private UpstreamCalls() {
    }

    static MvcTestResult submit(MockMvcTester mvc) {
        return mvc.post().uri(EXECUTIONS_PATH).header("X-API-Key", "test-key-alpha")
                .contentType(MediaType.APPLICATION_JSON).content(SCRIPT_RUN).exchange();
    }

    static int upstreamRequests() {
        return TestUpstream.server().findAll(postRequestedFor(anyUrl())).size();
    }

    static ResponseDefinitionBuilder accepted() {
        return Fixtures.accepted(TASK_ID);
    }

    static ResponseDefinitionBuilder error(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error_code\":\"" + code + "\",\"error_msg\":\"test\"}");
    }
}
