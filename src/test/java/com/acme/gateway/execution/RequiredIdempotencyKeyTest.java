package com.acme.gateway.execution;

import static com.acme.gateway.Fixtures.ALPHA;
import static com.acme.gateway.Fixtures.EXECUTIONS_PATH;
import static com.acme.gateway.Fixtures.SCRIPT_RUN;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** A team whose policy says {@code require-idempotency-key: true}. */
@GatewayWithMockMvc
@TestPropertySource(properties = "gateway.policy.location=src/test/resources/idempotency/required-key-policy.yaml")
class RequiredIdempotencyKeyTest {

    @Autowired
    MockMvcTester mvc;

    @BeforeEach
    void upstreamAccepts() {
        Upstream.reset();
        Upstream.accepts();
    }

    @Test
    void requestWithoutKeyIs400AndNothingRuns() {
        assertThat(mvc.post().uri(EXECUTIONS_PATH).header("X-API-Key", ALPHA).contentType(MediaType.APPLICATION_JSON)
                .content(SCRIPT_RUN).exchange())
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].parameter").isEqualTo("Idempotency-Key");
        assertThat(Upstream.executeRequests()).isZero();
    }

    @Test
    void requestWithKeyRuns() {
        assertThat(mvc.post().uri(EXECUTIONS_PATH).header("X-API-Key", ALPHA).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON).content(SCRIPT_RUN).exchange()).hasStatus(202);
        assertThat(Upstream.executeRequests()).isEqualTo(1);
    }

    @Test
    void dryRunNeedsNoKeyBecauseNothingRuns() {
        assertThat(mvc.post().uri(EXECUTIONS_PATH + "?dry_run=true").header("X-API-Key", ALPHA)
                .contentType(MediaType.APPLICATION_JSON).content(SCRIPT_RUN).exchange()).hasStatus(200);
    }
}
