package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.database.CommitSettings;
import com.acme.gateway.database.OnPostgres;
import com.acme.gateway.workspace.CredentialGuard.Permit;
import com.acme.gateway.workspace.CredentialGuardTable.Admitted;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

@OnPostgres
class CredentialGuardOnPostgresTest extends CredentialGuardContract {

    @Autowired
    DataSource dataSource;

    @Override
    boolean sharedLeases() {
        return true;
    }

    @Test
    void leaseRowsOfAReplicaThatDiedAreDeletedAfterALeasePeriod() {
        proven();
        for (int i = 0; i < MAX_IN_FLIGHT; i++) {
            first.admit();
        }
        assertThat(leaseRows()).isEqualTo(MAX_IN_FLIGHT);

        clock.advance(PROBE_LEASE);
        Permit next = second.admit();
        second.record(next, null);

        assertThat(leaseRows()).as("the lapsed leases went at the next lease end after a lease period").isZero();
    }

    /**
     * The lease is on disk when the admission returns: a database crash must not forget requests
     * that are out, or more than max-in-flight could go out after it (a lease's end, by contrast,
     * need not wait). {@code pg_walinspect} reads only WAL that is flushed, so the commit of the
     * lease row must be among its records.
     */
    @Test
    void theLeaseIsOnDiskWhenTheAdmissionReturns() {
        jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_walinspect SCHEMA public").update();
        String walRecords = jdbc.sql("SELECT extnamespace::regnamespace || '.pg_get_wal_records_info' FROM pg_extension "
                + "WHERE extname = 'pg_walinspect'").query(String.class).single();
        table.create(credential.get());

        for (int i = 0; i < 5; i++) {
            String flushedBefore = jdbc.sql("SELECT pg_current_wal_flush_lsn()::text").query(String.class).single();
            var admitted = (Admitted) table.admit(credential.get(), MAX_IN_FLIGHT, clock.instant(),
                    clock.instant().plus(PROBE_LEASE)).orElseThrow();
            boolean onDisk = jdbc.sql("""
                    SELECT CASE WHEN pg_current_wal_flush_lsn() <= CAST(:before AS pg_lsn) THEN FALSE ELSE EXISTS (
                        SELECT FROM %s(CAST(:before AS pg_lsn), pg_current_wal_flush_lsn()) w
                        WHERE w.resource_manager = 'Transaction' AND w.record_type LIKE 'COMMIT%%'
                            AND w.xid = (SELECT xmin FROM upstream_send_leases WHERE seq = :seq)) END""".formatted(walRecords))
                    .param("before", flushedBefore)
                    .param("seq", admitted.seq())
                    .query(Boolean.class)
                    .single();
            assertThat(onDisk).as("admission %d: the lease's commit is in the flushed WAL", i).isTrue();
            table.endLease(admitted.seq());
        }
        assertThat(leaseRows()).isZero();
    }

    /**
     * A lease's end commits without waiting for the WAL flush (lost in a crash, the lease lapses by
     * itself). Ended inside a transaction of the test's, the setting its commit will run with shows.
     */
    @Test
    void aLeasesEndDoesNotWaitForTheWalFlush() throws Exception {
        table.create(credential.get());
        var admitted = (Admitted) table.admit(credential.get(), MAX_IN_FLIGHT, clock.instant(),
                clock.instant().plus(PROBE_LEASE)).orElseThrow();

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            new CredentialGuardTable(JdbcClient.create(new SingleConnectionDataSource(connection, true)), true)
                    .endLease(admitted.seq());
            assertThat(CommitSettings.synchronousCommit(connection)).isEqualTo("off");
            connection.commit();
        }
        assertThat(leaseRows()).isZero();
    }

    private long leaseRows() {
        return jdbc.sql("SELECT COUNT(*) FROM upstream_send_leases WHERE credential = :credential")
                .param("credential", credential.get()).query(Long.class).single();
    }
}
