package com.acme.gateway.execution;

import static com.acme.gateway.Fixtures.ALPHA;
import static com.acme.gateway.Fixtures.POOL;
import static com.acme.gateway.execution.Upstream.shellTask;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.Fixtures;
import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.TestUpstream;
import com.acme.gateway.audit.AuditEntry;
import com.acme.gateway.audit.AuditLog;
import com.acme.gateway.idempotency.Claim;
import com.acme.gateway.idempotency.IdempotencyKeys;
import com.acme.gateway.idempotency.IdempotencyStore;
import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.workspace.ScriptExecutionJson;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * When the resolver attaches a task to an unknown outcome, and when it refuses to. Each test has a
 * command of its own, so no other row in the shared database matches its tasks.
 */
@GatewayWithMockMvc
class UnknownOutcomeResolverTest {

    @Autowired
    UnknownOutcomeResolver resolver;

    @Autowired
    AuditLog audit;

    @Autowired
    IdempotencyStore keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    ScriptExecutionJson requestJson;

    final String command = "echo " + UUID.randomUUID();
    final Instant created = Instant.now().minusSeconds(30);
    final String taskId = UUID.randomUUID().toString();

    @BeforeEach
    void resetUpstream() {
        Upstream.reset();
    }

    @Test
    void resolvesARowWhenExactlyOneTaskOfItsWorkStartedInItsWindow() {
        AuditEntry row = insert(Outcome.UNKNOWN, created);
        Upstream.lists(List.of(shellTask(UUID.randomUUID().toString(), "echo other", at(2)), shellTask(taskId, command, at(2))));

        resolver.resolveOnce();

        assertThat(taskOf(row)).isEqualTo(taskId);
    }

    @Test
    void leavesARowUnknownWhenTwoTasksMatch() {
        AuditEntry row = insert(Outcome.UNKNOWN, created);
        Upstream.lists(List.of(shellTask(taskId, command, at(2)), shellTask(UUID.randomUUID().toString(), command, at(40))));

        resolver.resolveOnce();

        assertThat(taskOf(row)).isNull();
    }

    @Test
    void skipsATaskThatAnotherRowAlreadyNames() {
        AuditEntry row = insert(Outcome.UNKNOWN, created);
        audit.insert(entry(Outcome.SUBMITTED, created.plusSeconds(1), taskId, null));
        String other = UUID.randomUUID().toString();
        Upstream.lists(List.of(shellTask(taskId, command, at(2)), shellTask(other, command, at(3))));

        resolver.resolveOnce();

        assertThat(taskOf(row)).as("the one task nobody names yet").isEqualTo(other);
    }

    @Test
    void leavesRowsUnknownWhenAnotherUnresolvedRequestAskedForTheSameWork() {
        AuditEntry row = insert(Outcome.UNKNOWN, created);
        AuditEntry rival = insert(Outcome.UNKNOWN, created.plusSeconds(20));
        Upstream.lists(List.of(shellTask(taskId, command, at(25))));

        resolver.resolveOnce();

        assertThat(taskOf(row)).isNull();
        assertThat(taskOf(rival)).isNull();
    }

    @Test
    void leavesARowUnknownWhenTheListIsAFullPage() {
        AuditEntry row = insert(Outcome.UNKNOWN, created);
        List<Map<String, Object>> tasks = new ArrayList<>(IntStream.range(0, 99)
                .mapToObj(i -> shellTask(UUID.randomUUID().toString(), "echo " + i, at(1))).toList());
        tasks.add(shellTask(taskId, command, at(2)));
        Upstream.lists(tasks);

        resolver.resolveOnce();

        assertThat(taskOf(row)).as("more tasks may be on the next page").isNull();
    }

    @Test
    void leavesARowUnknownWhileTheTaskListFails() {
        AuditEntry row = insert(Outcome.UNKNOWN, created);
        TestUpstream.server().stubFor(get(urlPathMatching(".*/script-execution-tasks/detail"))
                .willReturn(aResponse().withStatus(500)));

        resolver.resolveOnce();

        assertThat(taskOf(row)).isNull();
        Upstream.lists(List.of(shellTask(taskId, command, at(2))));
        resolver.resolveOnce();
        assertThat(taskOf(row)).isEqualTo(taskId);
    }

    @Test
    void givesUpOnARowAfterGiveUpAfterAndNeverResolvesItThen() {
        AuditEntry row = insert(Outcome.UNKNOWN, Instant.now().minus(Duration.ofHours(2)));
        double gaveUp = meters.counter("gateway.unknown.outcomes", "result", "gave_up").count();
        Upstream.lists(List.of());

        resolver.resolveOnce();

        assertThat(meters.counter("gateway.unknown.outcomes", "result", "gave_up").count()).isGreaterThan(gaveUp);
        assertThat(jdbc.sql("SELECT resolution_given_up_at FROM audit_events WHERE id = :id").param("id", row.id())
                .query(Object.class).list().getFirst()).isNotNull();
        Upstream.lists(List.of(shellTask(taskId, command, row.createdAt().plusSeconds(2).toString())));
        resolver.resolveOnce();
        assertThat(taskOf(row)).isNull();
    }

    @Test
    void rowLeftPendingBecomesUnknownAndItsUnansweredKeyReplaysTheTaskFound() {
        String key = UUID.randomUUID().toString();
        AuditEntry row = entry(Outcome.PENDING, Instant.now().minus(Duration.ofMinutes(10)), null, key);
        assertThat(keys.claim("alpha", key, "fingerprint", row.id())).isEqualTo(new Claim.Claimed());
        audit.insert(row);
        Upstream.lists(List.of(shellTask(taskId, command, row.createdAt().plusSeconds(2).toString())));

        resolver.resolveOnce();

        assertThat(audit.findByTaskId("alpha", taskId)).map(AuditEntry::outcome).contains(Outcome.UNKNOWN);
        assertThat(keys.claim("alpha", key, "fingerprint", UUID.randomUUID())).isInstanceOfSatisfying(Claim.Completed.class,
                done -> {
                    assertThat(done.answer().status()).isEqualTo(202);
                    assertThat(done.answer().body()).contains("\"task_id\":\"" + taskId + "\"", "\"execution_id\":\"" + row.id() + "\"");
                    assertThat(done.answer().headers()).containsEntry("Location", "/api/v1/executions/" + taskId);
                });
    }

    @Test
    void claimAbandonedByAStoppedReplicaAnswersUnknownInsteadOfConflictForever() {
        String key = UUID.randomUUID().toString();
        String body = Upstream.commandBody(command);
        byte[] canonical = requestJson.write(requestJson.read(body.getBytes(StandardCharsets.UTF_8)));
        jdbc.sql("""
                INSERT INTO idempotency_keys (team, idempotency_key, fingerprint, state, audit_id, created_at, expires_at)
                VALUES ('alpha', :key, :fingerprint, 'IN_FLIGHT', :auditId, :created, :expires)""")
                .param("key", key)
                .param("fingerprint", IdempotencyKeys.fingerprint(POOL, canonical))
                .param("auditId", UUID.randomUUID())
                .param("created", Instant.now().minus(Duration.ofMinutes(6)).atOffset(ZoneOffset.UTC))
                .param("expires", Instant.now().plus(Duration.ofHours(20)).atOffset(ZoneOffset.UTC))
                .update();
        Upstream.accepts();

        MvcTestResult first = submit(key, body);
        MvcTestResult repeat = submit(key, body);

        assertThat(first).hasStatus(502).bodyJson().extractingPath("$.outcome").isEqualTo("UNKNOWN");
        assertThat(first).bodyJson().extractingPath("$.type").isEqualTo("https://gateway.acme.com/problems/outcome-unknown");
        assertThat(repeat).hasStatus(502).body().asString().isEqualTo(IdempotencyContract.text(first));
        assertThat(Upstream.executeRequests()).isZero();
    }

    private MvcTestResult submit(String key, String body) {
        return mvc.post().uri(Fixtures.EXECUTIONS_PATH).header("X-API-Key", ALPHA).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private AuditEntry insert(Outcome outcome, Instant createdAt) {
        AuditEntry row = entry(outcome, createdAt, null, null);
        audit.insert(row);
        return row;
    }

    private AuditEntry entry(Outcome outcome, Instant createdAt, @Nullable String task, @Nullable String key) {
        return AuditEntry.builder()
                .id(UUID.randomUUID())
                .requestId("req-" + UUID.randomUUID())
                .createdAt(createdAt)
                .completedAt(createdAt.plusSeconds(1))
                .principal("apikey:alpha-ci")
                .team("alpha")
                .poolId(POOL)
                .commandType("SHELL")
                .commandSha256(TaskMatchTest.sha256(command))
                .desktopCount(1)
                .decision(AuditEntry.Decision.ALLOWED)
                .outcome(outcome)
                .taskId(task)
                .attempts(1)
                .durationMs(1000L)
                .idempotencyKey(key)
                .build();
    }

    private @Nullable String taskOf(AuditEntry row) {
        return jdbc.sql("SELECT task_id FROM audit_events WHERE id = :id").param("id", row.id()).query(String.class).list().getFirst();
    }

    private String at(int secondsAfterCreation) {
        return created.plusSeconds(secondsAfterCreation).toString();
    }
}
