package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.ALPHA;
import static com.acme.gateway.Fixtures.AUDITOR;
import static com.acme.gateway.Fixtures.POOL;
import static com.acme.gateway.api.Submissions.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** {@code GET /api/v1/me}: who the caller is and its team's policy, with API keys by id only. */
@GatewayWithMockMvc
class CallerProfileTest {

    private static final String ALPHA_KEY_HASH = "d1a9c70d19c81f247d9a6c57b2a6bb48212cc202e49a432e16025a9d5d3fa8d3";

    @Autowired
    MockMvcTester mvc;

    @Test
    void showsTheTeamItsCredentialAndItsPolicy() {
        MvcTestResult result = me(ALPHA);

        assertThat(result).hasStatus(200).hasContentType(MediaType.APPLICATION_JSON);
        var json = assertThat(result).bodyJson();
        json.extractingPath("$.team").isEqualTo("alpha");
        json.extractingPath("$.principal").isEqualTo("apikey:alpha-ci");
        json.extractingPath("$.auth_method").isEqualTo("api_key");
        json.extractingPath("$.roles").asArray().isEmpty();
        json.extractingPath("$.policy.pools").asArray().containsExactly(POOL);
        json.extractingPath("$.policy.scripts").asArray().hasSize(2);
        json.extractingPath("$.policy.commands.allowed").isEqualTo(true);
        json.extractingPath("$.policy.commands.types").asArray().containsExactly("SHELL", "POWERSHELL", "BAT");
        json.extractingPath("$.policy.commands.max_length").isEqualTo(16384);
        json.extractingPath("$.policy.post_finish").asArray().containsExactly("stop", "reboot");
        json.extractingPath("$.policy.whole_pool").isEqualTo(true);
        json.extractingPath("$.policy.max_desktops").isEqualTo(1000);
        json.extractingPath("$.policy.canary_required_above").isEqualTo(1000);
        json.extractingPath("$.policy.max_execution_timeout").isEqualTo(10080);
        json.extractingPath("$.policy.rate_limit.requests").isEqualTo(100000);
        json.extractingPath("$.policy.rate_limit.per").isEqualTo("PT1M");
        json.extractingPath("$.policy.require_idempotency_key").isEqualTo(false);
        json.extractingPath("$.policy.api_key_ids").asArray().containsExactly("alpha-ci");
        json.extractingPath("$.policy.jwt_clients").asArray().containsExactly("svc-alpha");
    }

    @Test
    void neverShowsApiKeyHashes() {
        String body = body(me(ALPHA));

        assertThat(body).doesNotContainIgnoringCase(ALPHA_KEY_HASH).doesNotContain("sha256", "test-key-alpha");
    }

    @Test
    void showsRoles() {
        assertThat(me(AUDITOR)).bodyJson().extractingPath("$.roles").asArray().containsExactly("audit-reader");
    }

    @Test
    void needsCredentials() {
        assertThat(mvc.get().uri("/api/v1/me").exchange()).hasStatus(401);
    }

    private MvcTestResult me(String apiKey) {
        return mvc.get().uri("/api/v1/me").header("X-API-Key", apiKey).exchange();
    }
}
