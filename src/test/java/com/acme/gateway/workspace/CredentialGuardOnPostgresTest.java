package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.database.OnPostgres;
import com.acme.gateway.workspace.CredentialGuard.Permit;
import org.junit.jupiter.api.Test;

@OnPostgres
class CredentialGuardOnPostgresTest extends CredentialGuardContract {

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

    private long leaseRows() {
        return jdbc.sql("SELECT COUNT(*) FROM upstream_send_leases WHERE credential = :credential")
                .param("credential", credential.get()).query(Long.class).single();
    }
}
