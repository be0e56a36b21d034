package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.EXECUTIONS_PATH;
import static com.acme.gateway.Fixtures.POOL;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.TestUpstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@GatewayWithMockMvc
class BodyLimitsTest {


    @Autowired
    MockMvcTester mvc;

    @BeforeEach
    void reset() {
        TestUpstream.server().resetAll();
    }

    @Test
    void rejectsBodyOverTheConfiguredLimitWith413() {
        String body = "{\"command_content\":\"" + "x".repeat(70 * 1024) + "\",\"command_type\":\"SHELL\"}";

        var result = mvc.post().uri(EXECUTIONS_PATH).header("X-API-Key", "test-key-alpha")
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();

        assertThat(result).hasStatus(413).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.type").isEqualTo("https://gateway.acme.com/problems/body-too-large");
        assertThat(TestUpstream.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void rejectsNonJsonContentTypeWith415() {
        var result = mvc.post().uri(EXECUTIONS_PATH).header("X-API-Key", "test-key-alpha")
                .contentType(MediaType.TEXT_PLAIN).content("script_ids=x").exchange();

        assertThat(result).hasStatus(415).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.type").isEqualTo("https://gateway.acme.com/problems/unsupported-media-type");
    }

    @Test
    void rejectsMissingContentTypeWith415() {
        var result = mvc.post().uri(EXECUTIONS_PATH).header("X-API-Key", "test-key-alpha").content("{}").exchange();

        assertThat(result).hasStatus(415).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
