package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.ALPHA;
import static com.acme.gateway.Fixtures.AUDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.database.DatabaseOutage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Reads of the audit trail answer 503 with Retry-After while the database is down, never 500. */
@GatewayWithMockMvc
@Import(DatabaseOutage.class)
class ReadApiDatabaseOutageTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    DatabaseOutage outage;

    @BeforeEach
    void databaseGoesDown() {
        outage.start();
    }

    @AfterEach
    void databaseComesBack() {
        outage.end();
    }

    @ParameterizedTest
    @CsvSource({
        ALPHA + ", /api/v1/executions",
        ALPHA + ", /api/v1/executions/9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11",
        AUDITOR + ", /api/v1/audit-events"})
    void answersServiceUnavailable(String apiKey, String path) {
        MvcTestResult result = mvc.get().uri(path).header("X-API-Key", apiKey).exchange();

        assertThat(result).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).hasHeader("Retry-After", "5");
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://gateway.acme.com/problems/audit-unavailable");
    }
}
