package com.acme.gateway.execution;

import static com.acme.gateway.Fixtures.ALPHA;
import static com.acme.gateway.Fixtures.BETA;
import static com.acme.gateway.Fixtures.EXECUTIONS_PATH;
import static com.acme.gateway.Fixtures.SCRIPT_RUN;
import static com.acme.gateway.execution.Upstream.executeRequests;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.Fixtures;
import com.acme.gateway.audit.AuditLog;
import com.acme.gateway.database.DatabaseOutage;
import com.acme.gateway.lifecycle.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Idempotency-Key contract over HTTP, on the whole gateway and whichever database the subclass
 * selects. Every test uses fresh keys, so that the tests share one database safely.
 */
@Import(DatabaseOutage.class)
abstract class IdempotencyContract {

    static final String CONFLICT = "https://gateway.acme.com/problems/idempotency-in-flight";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UnknownOutcomeResolver resolver;

    @Autowired
    AuditLog audit;

    @Autowired
    DatabaseOutage outage;

    final String key = UUID.randomUUID().toString();

    /** The first upstream call of a JVM is slow (class loading, templates): keep it out of the 1 s read timeout. */
    @BeforeEach
    void resetUpstream() {
        Upstream.reset();
    }

    @AfterEach
    void databaseBack() {
        outage.end();
    }

    @Test
    void storeFailingBetweenClaimAndAuditRowLeavesTheKeyFreeSoTheRetrySendsOnce() {
        Upstream.accepts();
        outage.startAt(sql -> sql.startsWith("INSERT INTO audit_events"));

        assertThat(submit(ALPHA, key, SCRIPT_RUN)).hasStatus(503).bodyJson().extractingPath("$.type")
                .isEqualTo("https://gateway.acme.com/problems/audit-unavailable");
        assertThat(executeRequests()).isZero();
        outage.end();

        MvcTestResult retry = submit(ALPHA, key, SCRIPT_RUN);
        assertThat(retry).as("the key was not left in flight").hasStatus(202);
        assertThat(submit(ALPHA, key, SCRIPT_RUN)).hasStatus(202).body().asString().isEqualTo(text(retry));
        assertThat(executeRequests()).isEqualTo(1);
        assertThat(auditRows()).extracting(row -> row.get("outcome")).containsExactly("submitted", "duplicate");
    }

    @Test
    void hundredRepeatsInSequenceGetTheFirstAnswerAndReachTheUpstreamOnce() {
        Upstream.accepts();
        double duplicates = count("gateway.executions", "outcome", "duplicate");
        double replayed = count("gateway.idempotency.repeats", "result", "replayed");

        List<MvcTestResult> results = IntStream.range(0, 100).mapToObj(i -> submit(ALPHA, key, SCRIPT_RUN)).toList();

        assertThat(executeRequests()).isEqualTo(1);
        MvcTestResult first = results.getFirst();
        assertThat(first).hasStatus(202);
        String location = first.getResponse().getHeader("Location");
        assertThat(results).allSatisfy(result -> assertThat(result).hasStatus(202).hasHeader("Location", location)
                .body().asString().isEqualTo(text(first)));
        assertThat(count("gateway.executions", "outcome", "duplicate") - duplicates).isEqualTo(99);
        assertThat(count("gateway.idempotency.repeats", "result", "replayed") - replayed).isEqualTo(99);
        String original = json(first).get("execution_id").asString();
        assertThat(auditRows()).hasSize(100)
                .containsOnlyOnce(Map.of("outcome", "submitted", "replay_of", "none"))
                .filteredOn(row -> row.get("outcome").equals("duplicate")).hasSize(99)
                .allSatisfy(row -> assertThat(row).containsEntry("replay_of", original));
    }

    @Test
    void fiftyConcurrentRequestsStartOneExecutionAndTheOthersConflictOrReplay() throws Exception {
        Upstream.accepts(500);
        double conflicted = count("gateway.idempotency.repeats", "result", "conflicted");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MvcTestResult>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(50)) {
            for (int i = 0; i < 50; i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return submit(ALPHA, key, SCRIPT_RUN);
                }));
            }
            start.countDown();
        }
        List<MvcTestResult> results = new ArrayList<>();
        for (Future<MvcTestResult> future : futures) {
            results.add(future.get());
        }

        assertThat(executeRequests()).isEqualTo(1);
        List<MvcTestResult> accepted = results.stream().filter(r -> r.getResponse().getStatus() == 202).toList();
        List<MvcTestResult> conflicts = results.stream().filter(r -> r.getResponse().getStatus() == 409).toList();
        assertThat(accepted.size() + conflicts.size()).isEqualTo(50);
        assertThat(accepted).isNotEmpty().extracting(IdempotencyContract::text).containsOnly(
                text(accepted.getFirst()));
        assertThat(conflicts).as("the requests overlapped").isNotEmpty().allSatisfy(conflict -> assertThat(conflict)
                .hasHeader("Retry-After", "1").bodyJson().extractingPath("$.type").isEqualTo(CONFLICT));
        assertThat(count("gateway.idempotency.repeats", "result", "conflicted") - conflicted).isEqualTo(conflicts.size());
    }

    @Test
    void sameKeyWithADifferentRequestIs422AndNeverReachesTheUpstream() {
        Upstream.accepts();
        double mismatched = count("gateway.idempotency.repeats", "result", "mismatched");
        assertThat(submit(ALPHA, key, SCRIPT_RUN)).hasStatus(202);

        MvcTestResult other = submit(ALPHA, key, SCRIPT_RUN.replace("]}", "],\"execution_timeout\":5}"));

        assertThat(other).hasStatus(422).bodyJson().extractingPath("$.type")
                .isEqualTo("https://gateway.acme.com/problems/idempotency-key-reused");
        assertThat(executeRequests()).isEqualTo(1);
        assertThat(count("gateway.idempotency.repeats", "result", "mismatched") - mismatched).isEqualTo(1);
    }

    @Test
    void sameKeyFormattedDifferentlyIsTheSameRequest() {
        Upstream.accepts();
        MvcTestResult first = submit(ALPHA, key, SCRIPT_RUN);

        MvcTestResult reordered = submit(ALPHA, key, "{ \"desktop_ids\": [\"" + Fixtures.DESKTOP + "\"],\n"
                + "  \"script_ids\": [\"" + Fixtures.SCRIPT + "\"] }");

        assertThat(reordered).hasStatus(202).body().asString().isEqualTo(text(first));
        assertThat(executeRequests()).isEqualTo(1);
    }

    @Test
    void anotherTeamUsingTheSameKeyGetsItsOwnExecution() {
        Upstream.accepts();
        MvcTestResult alpha = submit(ALPHA, key, SCRIPT_RUN);

        MvcTestResult beta = submit(BETA, key, SCRIPT_RUN);

        assertThat(beta).hasStatus(202);
        assertThat(json(beta).get("team").asString()).isEqualTo("beta");
        assertThat(json(beta).get("task_id")).isNotEqualTo(json(alpha).get("task_id"));
        assertThat(json(beta).get("execution_id")).isNotEqualTo(json(alpha).get("execution_id"));
        assertThat(executeRequests()).isEqualTo(2);
        assertThat(submit(ALPHA, key, SCRIPT_RUN)).body().asString().isEqualTo(text(alpha));
        assertThat(submit(BETA, key, SCRIPT_RUN)).body().asString().isEqualTo(text(beta));
        assertThat(executeRequests()).isEqualTo(2);
    }

    @Test
    void upstreamRejectionIsReplayedWithoutCallingAgain() {
        Fixtures.executeAnswers(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error_code\":\"WKS.0003\",\"error_msg\":\"Invalid script id\"}"));
        MvcTestResult first = submit(ALPHA, key, SCRIPT_RUN);
        Upstream.accepts();

        MvcTestResult repeat = submit(ALPHA, key, SCRIPT_RUN);

        assertThat(first).hasStatus(400);
        assertThat(repeat).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body().asString().isEqualTo(text(first));
        assertThat(executeRequests()).isEqualTo(1);
    }

    @Test
    void answersGivenBeforeExecutionDoNotUseUpTheKey() {
        Upstream.accepts();

        assertThat(submit("wrong-key", key, SCRIPT_RUN)).hasStatus(401);
        assertThat(submit(ALPHA, key, "{\"script_ids\":[\"" + Fixtures.SCRIPT + "\"],\"project_id\":\"x\"}")).hasStatus(400);
        assertThat(mvc.post().uri("/api/v1/pools/5f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b/script-executions")
                .header("X-API-Key", ALPHA).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(SCRIPT_RUN).exchange()).hasStatus(403);
        assertThat(mvc.post().uri(EXECUTIONS_PATH + "?dry_run=true").header("X-API-Key", ALPHA).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(SCRIPT_RUN).exchange()).hasStatus(200);
        assertThat(executeRequests()).isZero();

        assertThat(submit(ALPHA, key, SCRIPT_RUN)).hasStatus(202);
    }

    @Test
    void answerThatProvesNothingRanFreesTheKey() {
        Fixtures.executeAnswers(aResponse().withStatus(302).withHeader("Location", "http://elsewhere.example/"));
        assertThat(submit(ALPHA, key, SCRIPT_RUN)).hasStatus(502);
        Upstream.accepts();

        assertThat(submit(ALPHA, key, SCRIPT_RUN)).hasStatus(202);
        assertThat(executeRequests()).isEqualTo(2);
    }

    @Test
    void malformedKeyIs400BeforeAnything() {
        Upstream.accepts();

        for (String bad : List.of("", "has space", "x".repeat(256), "semi;colon", "ключ")) {
            assertThat(submit(ALPHA, bad, SCRIPT_RUN)).hasStatus(400).bodyJson().extractingPath("$.errors[0].parameter")
                    .isEqualTo("Idempotency-Key");
        }
        assertThat(executeRequests()).isZero();
    }

    @Test
    void timedOutRequestIsNeverSentAgainAndRepeatsGetItsTaskOnceResolved() {
        String command = "echo " + UUID.randomUUID();
        Fixtures.executeAnswers(aResponse().withStatus(200).withFixedDelay(1500)
                .withBody("{\"task_id\":\"" + UUID.randomUUID() + "\"}"));
        MvcTestResult first = submit(ALPHA, key, Upstream.commandBody(command));
        assertThat(first).hasStatus(504).bodyJson().extractingPath("$.outcome").isEqualTo("UNKNOWN");

        MvcTestResult repeat = submit(ALPHA, key, Upstream.commandBody(command));

        assertThat(repeat).hasStatus(504).body().asString().isEqualTo(text(first));
        assertThat(executeRequests()).isEqualTo(1);
        Map<String, Object> row = auditRows().getFirst();
        assertThat(row).containsEntry("outcome", "unknown");

        String taskId = UUID.randomUUID().toString();
        Instant started = Instant.now().minusSeconds(1);
        Upstream.lists(List.of(Upstream.shellTask(UUID.randomUUID().toString(), "echo other", started.toString()),
                Upstream.shellTask(taskId, command, started.toString())));
        resolver.resolveOnce();

        MvcTestResult resolved = submit(ALPHA, key, Upstream.commandBody(command));
        assertThat(resolved).hasStatus(202).hasHeader("Location", "/api/v1/executions/" + taskId);
        assertThat(json(resolved).get("task_id").asString()).isEqualTo(taskId);
        String original = json(resolved).get("execution_id").asString();
        assertThat(audit.findByTaskId("alpha", taskId)).hasValueSatisfying(entry -> {
            assertThat(entry.id()).hasToString(original);
            assertThat(entry.outcome()).isEqualTo(Outcome.UNKNOWN);
        });
        assertThat(executeRequests()).isEqualTo(1);
    }

    MvcTestResult submit(String apiKey, String idempotencyKey, String body) {
        return mvc.post().uri(EXECUTIONS_PATH).header("X-API-Key", apiKey).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    List<Map<String, Object>> auditRows() {
        return jdbc.sql("SELECT outcome, replay_of FROM audit_events WHERE team = 'alpha' AND idempotency_key = :key"
                        + " ORDER BY created_at")
                .param("key", key)
                .query((rs, n) -> Map.<String, Object>of("outcome", rs.getString("outcome"),
                        "replay_of", String.valueOf(rs.getObject("replay_of") == null ? "none" : rs.getObject("replay_of"))))
                .list();
    }

    double count(String meter, String tag, String value) {
        return meters.find(meter).tags("team", "alpha", tag, value).counters().stream().mapToDouble(Counter::count).sum();
    }

    static JsonNode json(MvcTestResult result) {
        return JsonMapper.shared().readTree(text(result));
    }

    static String text(MvcTestResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }
}
