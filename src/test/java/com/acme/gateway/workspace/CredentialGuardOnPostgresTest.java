package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.database.CommitSettings;
import com.acme.gateway.database.OnPostgres;
import com.acme.gateway.workspace.CredentialGuard.Permit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

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
     * The lease is committed durably: a database crash must not forget requests that are out, or
     * more than max-in-flight could go out after it (the bucket's tokens, by contrast, need not wait).
     * This pins the Java side (one autocommitted statement with {@code synchronous_commit=on}); the
     * function {@code upstream_admit} itself leaves the setting alone (V11).
     */
    @Test
    void admissionsWaitForTheWalFlush() throws Exception {
        var commits = new CommitSettings();
        DataSource recorded = commits.wrap(dataSource);
        var recordedTable = new CredentialGuardTable(JdbcClient.create(recorded), true);
        table.create(credential.get());

        assertThat(recordedTable.admit(credential.get(), MAX_IN_FLIGHT, clock.instant(), clock.instant().plus(PROBE_LEASE)))
                .isPresent();

        assertThat(commits.seen()).containsExactly("on");
        assertThat(leaseRows()).isEqualTo(1);
    }

    private long leaseRows() {
        return jdbc.sql("SELECT COUNT(*) FROM upstream_send_leases WHERE credential = :credential")
                .param("credential", credential.get()).query(Long.class).single();
    }
}
