package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.POOL;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.TestUpstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The team policy decides, explains itself, and keeps denied, rate-limited and dry-run requests off the upstream. */
@GatewayWithMockMvc
class PolicyEnforcementTest {

    private static final String OTHER_POOL = "5f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b";
    private static final String DESKTOP = "\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"]";
    private static final String SCRIPT = "\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"]";

    @Autowired
    MockMvcTester mvc;

    @BeforeEach
    void upstreamAccepts() {
        TestUpstream.resetAndAccept("9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11");
    }

    @Test
    void deniesWith403ListingEveryFailedRuleAndSendsNothing() {
        MvcTestResult result = submit("test-key-beta", POOL, "", "{\"command_content\":\"rm -rf /tmp/x\","
                + "\"command_type\":\"SHELL\",\"post_finish\":\"reboot\",\"execution_timeout\":31," + DESKTOP + "}");

        assertThat(result).hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://gateway.acme.com/problems/policy-denied");
        assertThat(result).bodyJson().extractingPath("$.reasons[*].rule").asArray()
                .contains("command", "post-finish", "execution-timeout").doesNotContain("pool", "max-desktops");
        assertThat(result).bodyJson().asString().doesNotContain("rm -rf");
        assertThat(TestUpstream.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void deniesAPoolTheTeamDoesNotOwn() {
        MvcTestResult result = submit("test-key-alpha", OTHER_POOL, "", "{" + SCRIPT + "," + DESKTOP + "}");

        assertThat(result).hasStatus(403);
        assertThat(result).bodyJson().extractingPath("$.reasons[*].rule").asArray().containsExactly("pool");
        assertThat(TestUpstream.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void dryRunReportsAnAllowedDecisionAndWhatWouldBeSentWithoutSendingIt() {
        MvcTestResult result = submit("test-key-alpha", POOL, "?dry_run=true", "{" + SCRIPT + "," + DESKTOP + "}");

        assertThat(result).hasStatus(200).hasContentType(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$.decision").isEqualTo("allowed");
        assertThat(result).bodyJson().extractingPath("$.team").isEqualTo("alpha");
        assertThat(result).bodyJson().extractingPath("$.upstream_request.path")
                .isEqualTo("/v2/{project_id}/desktop-pools/" + POOL + "/script-executions");
        assertThat(result).bodyJson().extractingPath("$.upstream_request.body.script_ids[0]")
                .isEqualTo("0006e69f-5970-4af5-a652-e111055e630b");
        assertThat(TestUpstream.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void dryRunReportsADeniedDecisionWithItsReasons() {
        MvcTestResult result = submit("test-key-beta", POOL, "?dry_run=true", "{" + SCRIPT + ",\"post_finish\":\"stop\"}");

        assertThat(result).hasStatus(200);
        assertThat(result).bodyJson().extractingPath("$.decision").isEqualTo("denied");
        assertThat(result).bodyJson().extractingPath("$.reasons[*].rule").asArray()
                .contains("post-finish", "whole-pool", "canary");
        assertThat(TestUpstream.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void answers429WithRetryAfterOnceTheTeamsRateLimitIsSpent() {
        String body = "{" + SCRIPT + "," + DESKTOP + "}";
        assertThat(submit("test-key-gamma", POOL, "", body)).hasStatus(202);
        assertThat(submit("test-key-gamma", POOL, "", body)).hasStatus(202);

        MvcTestResult limited = submit("test-key-gamma", POOL, "", body);

        assertThat(limited).hasStatus(429).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).containsHeader("Retry-After");
        assertThat(Long.parseLong(limited.getResponse().getHeader("Retry-After"))).isPositive();
        assertThat(limited).bodyJson().extractingPath("$.type").isEqualTo("https://gateway.acme.com/problems/rate-limited");
        TestUpstream.server().verify(2, postRequestedFor(anyUrl()));
    }

    private MvcTestResult submit(String key, String pool, String query, String body) {
        return mvc.post().uri("/api/v1/pools/" + pool + "/script-executions" + query).header("X-API-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }
}
