package com.acme.gateway.execution;

import static com.acme.gateway.Fixtures.EXECUTIONS_PATH;
import static com.acme.gateway.Fixtures.SCRIPT_RUN;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.MutableClock;
import com.acme.gateway.TestUpstream;
import com.acme.gateway.database.DatabaseOutage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * A team flooding past its rate limit cannot grow the audit trail faster than one row per second,
 * and a rate limit that cannot be checked sends nothing upstream.
 */
@GatewayWithMockMvc
@Import({DatabaseOutage.class, RateLimitedFloodContract.TestClock.class})
abstract class RateLimitedFloodContract {

    static final String GAMMA = "test-key-gamma"; // 2 requests per hour

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DatabaseOutage outage;

    @AfterEach
    void databaseBack() {
        outage.end();
    }

    @Test
    void aFloodOfRefusedRequestsWritesOneRowPerSecondWhoseCountsAddUp() {
        TestUpstream.resetAndAccept("9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11");
        assertThat(submit(GAMMA)).hasStatus(202);
        assertThat(submit(GAMMA)).hasStatus(202);

        int flood = 1000;
        for (int i = 0; i < flood; i++) {
            assertThat(submit(GAMMA)).hasStatus(429).containsHeader("Retry-After");
            clock.advance(Duration.ofMillis(5)); // 1,000 requests over 5 s
        }

        // other test contexts may share the database: only this test's (clock's) day counts
        List<Map<String, Object>> rows = jdbc.sql("SELECT refused_count FROM audit_events WHERE team = 'gamma' "
                + "AND outcome = 'rate_limited' AND created_at >= ? AND created_at < ?")
                .params(AuditDay.START.atOffset(ZoneOffset.UTC), AuditDay.END.atOffset(ZoneOffset.UTC)).query().listOfRows();
        System.out.printf("%d refused requests in 5 s wrote %d audit rows%n", flood, rows.size());
        assertThat(rows).hasSizeBetween(5, 6);
        assertThat(rows.stream().mapToInt(row -> ((Number) row.get("refused_count")).intValue()).sum()).isEqualTo(flood);
        assertThat(meters.find("gateway.executions").tags("team", "gamma", "outcome", "rate_limited").counters())
                .extracting(Counter::count).containsExactly((double) flood);
        assertThat(TestUpstream.server().findAll(postRequestedFor(anyUrl()))).hasSize(2);

        MvcTestResult listing = mvc.get().uri("/api/v1/executions?outcome=rate_limited&from=" + AuditDay.START + "&to=" + AuditDay.END).header("X-API-Key", GAMMA).exchange();
        assertThat(listing).hasStatus(200);
        assertThat(listing).bodyJson().extractingPath("$.items[*].refused_count").asArray()
                .hasSize(rows.size()).allSatisfy(count -> assertThat((Integer) count).isPositive());
    }

    @Test
    void aStoreOutageAnswers503WithRetryAfterAndSendsNothing() {
        TestUpstream.resetAndAccept("9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11");
        outage.start();

        MvcTestResult refused = submit("test-key-alpha");

        assertThat(refused).hasStatus(503).containsHeader("Retry-After").hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused).bodyJson().extractingPath("$.type").isEqualTo("https://gateway.acme.com/problems/audit-unavailable");
        assertThat(TestUpstream.server().findAll(postRequestedFor(anyUrl()))).as("no execution sent").isEmpty();

        outage.end();
        assertThat(mvc.post().uri(EXECUTIONS_PATH + "?dry_run=true").header("X-API-Key", "test-key-alpha")
                .contentType(MediaType.APPLICATION_JSON).content(SCRIPT_RUN)).as("recovered without restart").hasStatus(200);
    }

    MvcTestResult submit(String apiKey) {
        return mvc.post().uri(EXECUTIONS_PATH).header("X-API-Key", apiKey).contentType(MediaType.APPLICATION_JSON)
                .content(SCRIPT_RUN).exchange();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(AuditDay.START.plusMillis(250));
        }
    }

    /** The day this test's clock runs in. */
    static final class AuditDay {
        static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
        static final Instant END = START.plus(Duration.ofDays(1));
    }
}
