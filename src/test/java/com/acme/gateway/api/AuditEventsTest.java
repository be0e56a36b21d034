package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.ALPHA;
import static com.acme.gateway.Fixtures.AUDITOR;
import static com.acme.gateway.Fixtures.BETA;
import static com.acme.gateway.Fixtures.POOL;
import static com.acme.gateway.api.Submissions.json;
import static com.acme.gateway.api.Submissions.submit;
import static com.acme.gateway.api.Submissions.taskIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.TestUpstream;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** {@code GET /api/v1/audit-events}: every team's records, for the audit-reader role only. */
@GatewayWithMockMvc
class AuditEventsTest {

    @Autowired
    MockMvcTester mvc;

    String since;

    @BeforeEach
    void reset() {
        TestUpstream.server().resetAll();
        since = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    @Test
    void showsAnAuditorEveryTeamsRecordsNewestFirstWithoutClientAddresses() {
        String alphas = submit(mvc, ALPHA, POOL);
        String betas = submit(mvc, BETA, POOL);

        MvcTestResult result = events(AUDITOR, "from=" + since);

        assertThat(result).hasStatus(200).hasContentType(MediaType.APPLICATION_JSON);
        assertThat(taskIds(result)).containsExactly(betas, alphas);
        assertThat(json(result).get("items")).extracting(item -> item.get("team").asString()).containsExactly("beta", "alpha");
        assertThat(json(result).get("items")).allSatisfy(item -> assertThat(item.has("client_address")).isFalse());
    }

    @Test
    void filtersByTeam() {
        submit(mvc, ALPHA, POOL);
        String betas = submit(mvc, BETA, POOL);

        assertThat(taskIds(events(AUDITOR, "from=" + since + "&team=beta"))).containsExactly(betas);
        assertThat(taskIds(events(AUDITOR, "from=" + since + "&team=nobody"))).isEmpty();
    }

    @Test
    void rejectsAnInvalidTeamFilter() {
        MvcTestResult result = events(AUDITOR, "team=Not%20A%20Team");

        assertThat(result).hasStatus(400);
        assertThat(result).bodyJson().extractingPath("$.errors[0].parameter").isEqualTo("team");
    }

    @ParameterizedTest
    @ValueSource(strings = {ALPHA, BETA})
    void forbidsTeamsWithoutTheAuditReaderRole(String apiKey) {
        MvcTestResult result = events(apiKey, "");

        assertThat(result).hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(403);
    }

    @Test
    void needsCredentials() {
        assertThat(mvc.get().uri("/api/v1/audit-events").exchange()).hasStatus(401);
    }

    private MvcTestResult events(String apiKey, String query) {
        return mvc.get().uri(URI.create("/api/v1/audit-events?" + query)).header("X-API-Key", apiKey).exchange();
    }
}
