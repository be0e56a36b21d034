package com.acme.gateway.audit;

import static com.acme.gateway.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.database.DatabaseOutage;
import com.acme.gateway.database.JdbcSliceOnH2;
import com.acme.gateway.lifecycle.Outcome;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** How {@link AuditLog} lists and finds rows: team scoping, filters, stable paging. */
@JdbcSliceOnH2
// the same imports as AuditLogContract, so both share one context per database
@Import({AuditLog.class, PendingJournal.class, UnknownOutcomeLog.class, DatabaseOutage.class})
abstract class AuditLogListingContract {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String OTHER_POOL = "b240bc4b-83c0-4c82-cbb0-b05098d9f449";
    static final AuditFilter NO_FILTER = new AuditFilter(null, null, null, null);

    @Autowired
    AuditLog auditLog;

    final String team = "team-" + UUID.randomUUID();

    @Test
    void neverFindsAnotherTeamsTask() {
        String taskId = "task-" + UUID.randomUUID();
        auditLog.insert(AuditEntries.entry(team, POOL, T0, Outcome.SUBMITTED, taskId));

        assertThat(auditLog.findByTaskId("other-" + team, taskId)).isEmpty();
        assertThat(auditLog.findForTeam("other-" + team, NO_FILTER, new PageRequest(0, 10)).items()).isEmpty();
        assertThat(auditLog.findByTaskId(team, taskId)).isPresent();
    }

    @Test
    void listsNewestFirstWithTheIdBreakingTiesSoPagesNeitherRepeatNorSkip() {
        List<AuditEntry> entries = List.of(
                AuditEntries.pending(team, POOL, T0),
                AuditEntries.pending(team, POOL, T0.plusSeconds(5)),
                AuditEntries.pending(team, POOL, T0.plusSeconds(5)),
                AuditEntries.pending(team, POOL, T0.plusSeconds(5)),
                AuditEntries.pending(team, POOL, T0.plusSeconds(9)));
        entries.forEach(auditLog::insert);
        List<UUID> expected = entries.stream()
                .sorted((a, b) -> a.createdAt().equals(b.createdAt())
                        ? b.id().toString().compareTo(a.id().toString())
                        : b.createdAt().compareTo(a.createdAt()))
                .map(AuditEntry::id)
                .toList();

        List<Page<AuditEntry>> pages = List.of(0, 1, 2, 3).stream()
                .map(page -> auditLog.findForTeam(team, NO_FILTER, new PageRequest(page, 2)))
                .toList();

        assertThat(pages).extracting(Page::total).containsOnly(5L);
        assertThat(pages).extracting(page -> page.items().size()).containsExactly(2, 2, 1, 0);
        assertThat(pages.stream().flatMap(page -> page.items().stream()).map(AuditEntry::id)).containsExactlyElementsOf(expected);
    }

    @Test
    void findAllListsEveryTeamAndFindForTeamOnlyItsOwn() {
        String pool = UUID.randomUUID().toString();
        auditLog.insert(AuditEntries.pending(team, pool, T0));
        auditLog.insert(AuditEntries.pending("other-" + team, pool, T0.plusSeconds(1)));
        AuditFilter byPool = new AuditFilter(pool, null, null, null);

        assertThat(auditLog.findAll(byPool, new PageRequest(0, 10)).items()).extracting(AuditEntry::team)
                .containsExactly("other-" + team, team);
        assertThat(auditLog.findForTeam(team, byPool, new PageRequest(0, 10)).items()).extracting(AuditEntry::team)
                .containsExactly(team);
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("no filter", NO_FILTER, "dcba"),
                Arguments.of("pool", new AuditFilter(POOL, null, null, null), "ba"),
                Arguments.of("outcome", new AuditFilter(null, Outcome.SUBMITTED, null, null), "ca"),
                Arguments.of("from is inclusive", new AuditFilter(null, null, T0.plusSeconds(60), null), "dcb"),
                Arguments.of("to is exclusive", new AuditFilter(null, null, null, T0.plusSeconds(120)), "ba"),
                Arguments.of("time window", new AuditFilter(null, null, T0.plusSeconds(60), T0.plusSeconds(180)), "cb"),
                Arguments.of("pool and outcome", new AuditFilter(OTHER_POOL, Outcome.UNKNOWN, null, null), "d"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void filtersByPoolOutcomeAndTime(String name, AuditFilter filter, String expected) {
        Map<String, AuditEntry> rows = Map.of(
                "a", AuditEntries.entry(team, POOL, T0, Outcome.SUBMITTED, null),
                "b", AuditEntries.entry(team, POOL, T0.plusSeconds(60), Outcome.DENIED, null),
                "c", AuditEntries.entry(team, OTHER_POOL, T0.plusSeconds(120), Outcome.SUBMITTED, null),
                "d", AuditEntries.entry(team, OTHER_POOL, T0.plusSeconds(180), Outcome.UNKNOWN, null));
        rows.values().forEach(auditLog::insert);

        Page<AuditEntry> page = auditLog.findForTeam(team, filter, new PageRequest(0, 10));

        List<UUID> expectedIds = Arrays.stream(expected.split("")).map(label -> rows.get(label).id()).toList();
        assertThat(page.items()).extracting(AuditEntry::id).containsExactlyElementsOf(expectedIds);
        assertThat(page.total()).isEqualTo(expectedIds.size());
    }
}
