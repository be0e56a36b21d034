package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.ALPHA;
import static com.acme.gateway.Fixtures.BETA;
import static com.acme.gateway.Fixtures.POOL;
import static com.acme.gateway.Fixtures.SCRIPT_RUN;
import static com.acme.gateway.api.Submissions.BETA_POOL;
import static com.acme.gateway.api.Submissions.body;
import static com.acme.gateway.api.Submissions.json;
import static com.acme.gateway.api.Submissions.submit;
import static com.acme.gateway.api.Submissions.taskIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.TestUpstream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/executions}: a team's own records only, newest first, paged and filtered. Rows of other
 * tests share the database, so every listing is narrowed to rows created since the test started.
 */
@GatewayWithMockMvc
class ExecutionListingTest {

    @Autowired
    MockMvcTester mvc;

    String since;

    @BeforeEach
    void reset() {
        TestUpstream.server().resetAll();
        since = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    @Test
    void listsOnlyTheCallersOwnExecutionsNewestFirst() {
        String a1 = submit(mvc, ALPHA, POOL);
        String b1 = submit(mvc, BETA, POOL);
        String a2 = submit(mvc, ALPHA, POOL);
        String b2 = submit(mvc, BETA, POOL);

        MvcTestResult alpha = list(ALPHA, "from=" + since);
        MvcTestResult beta = list(BETA, "from=" + since);

        assertThat(alpha).hasStatus(200).hasContentType(MediaType.APPLICATION_JSON);
        assertThat(taskIds(alpha)).containsExactly(a2, a1);
        assertThat(json(alpha).get("total").asLong()).isEqualTo(2);
        assertThat(json(alpha).get("items")).extracting(item -> item.get("team").asString()).containsOnly("alpha");
        assertThat(taskIds(beta)).containsExactly(b2, b1);
    }

    @Test
    void pagesNeitherRepeatNorSkipAndKeepNewestFirst() {
        List<String> submitted = new ArrayList<>(IntStream.range(0, 5).mapToObj(i -> submit(mvc, ALPHA, POOL)).toList());

        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            MvcTestResult result = list(ALPHA, "from=" + since + "&size=2&page=" + page);
            assertThat(json(result).get("page").asInt()).isEqualTo(page);
            assertThat(json(result).get("size").asInt()).isEqualTo(2);
            assertThat(json(result).get("total").asLong()).isEqualTo(5);
            paged.addAll(taskIds(result));
        }

        assertThat(paged).containsExactlyElementsOf(submitted.reversed());
        assertThat(taskIds(list(ALPHA, "from=" + since + "&size=2&page=3"))).isEmpty();
    }

    @Test
    void usesPageZeroOfTwentyByDefault() {
        MvcTestResult result = list(ALPHA, "");

        assertThat(json(result).get("page").asInt()).isZero();
        assertThat(json(result).get("size").asInt()).isEqualTo(20);
    }

    @Test
    void filtersByPoolOutcomeAndTimeWindow() {
        String first = submit(mvc, BETA, POOL);
        String between = Instant.now().toString();
        String otherPool = submit(mvc, BETA, BETA_POOL);
        submit(mvc, BETA, POOL, SCRIPT_RUN, "?dry_run=true");

        assertThat(taskIds(list(BETA, "from=" + since + "&pool_id=" + BETA_POOL))).containsExactly(otherPool);
        assertThat(taskIds(list(BETA, "from=" + since + "&outcome=submitted"))).containsExactly(otherPool, first);
        assertThat(json(list(BETA, "from=" + since + "&outcome=dry_run")).get("items"))
                .singleElement().satisfies(item -> assertThat(item.get("dry_run").asBoolean()).isTrue());
        assertThat(taskIds(list(BETA, "from=" + since + "&to=" + between))).containsExactly(first);
        assertThat(taskIds(list(BETA, "from=" + between + "&outcome=submitted"))).containsExactly(otherPool);
    }

    @Test
    void showsWhatWasRunButNeverTheCommandText() {
        String taskId = submit(mvc, ALPHA, POOL, "{\"command_content\":\"echo do-not-show-me\",\"command_type\":\"SHELL\","
                + "\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"]}", "");

        MvcTestResult result = list(ALPHA, "from=" + since);

        JsonNode item = json(result).get("items").get(0);
        assertThat(item.get("task_id").asString()).isEqualTo(taskId);
        assertThat(item.get("command_type").asString()).isEqualTo("SHELL");
        assertThat(item.get("command_sha256").asString()).matches("[0-9a-f]{64}");
        assertThat(item.get("outcome").asString()).isEqualTo("submitted");
        assertThat(item.get("decision").asString()).isEqualTo("allowed");
        assertThat(item.get("desktop_count").asInt()).isEqualTo(1);
        assertThat(item.get("principal").asString()).isEqualTo("apikey:alpha-ci");
        assertThat(item.get("client_address").asString()).isNotBlank();
        assertThat(item.get("created_at").asString()).satisfies(Instant::parse);
        assertThat(item.propertyNames()).contains("execution_id", "request_id", "completed_at", "pool_id", "script_ids",
                "gray_count", "gray_desktop_count", "gray_fail_threshold", "post_finish", "execution_timeout",
                "reasons", "upstream_status", "upstream_error_code", "upstream_request_id", "attempts", "duration_ms",
                "idempotency_key", "replay_of").doesNotContain("command_content");
        assertThat(body(result)).doesNotContain("do-not-show-me");
    }

    static Stream<Arguments> invalidQueries() {
        return Stream.of(
                Arguments.of("page=-1", "page"),
                Arguments.of("page=x", "page"),
                Arguments.of("size=0", "size"),
                Arguments.of("size=101", "size"),
                Arguments.of("size=99999999999", "size"),
                Arguments.of("pool_id=..%2F", "pool_id"),
                Arguments.of("pool_id=" + POOL + "%3F", "pool_id"),
                Arguments.of("outcome=SUBMITTED", "outcome"),
                Arguments.of("outcome=bogus", "outcome"),
                Arguments.of("from=yesterday", "from"),
                Arguments.of("to=2026-03-01", "to"),
                Arguments.of("from=%2B100000-01-01T00:00:00Z", "from"),
                Arguments.of("from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "to"),
                Arguments.of("team=beta", "team"),
                Arguments.of("poolId=" + POOL, "poolId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidQueries")
    void rejectsAnInvalidQueryParameterNamingIt(String query, String parameter) {
        MvcTestResult result = list(ALPHA, query);

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://gateway.acme.com/problems/validation");
        assertThat(result).bodyJson().extractingPath("$.errors[0].parameter").isEqualTo(parameter);
    }

    @Test
    void reportsEveryInvalidParameterAtOnce() {
        MvcTestResult result = list(ALPHA, "page=-1&size=0&outcome=x&from=x");

        assertThat(result).hasStatus(400);
        assertThat(json(result).get("errors")).extracting(error -> error.get("parameter").asString())
                .containsExactly("page", "size", "outcome", "from");
    }

    @Test
    void needsCredentials() {
        assertThat(mvc.get().uri("/api/v1/executions").exchange()).hasStatus(401)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private MvcTestResult list(String apiKey, String query) {
        return mvc.get().uri(java.net.URI.create("/api/v1/executions?" + query)).header("X-API-Key", apiKey).exchange();
    }
}
