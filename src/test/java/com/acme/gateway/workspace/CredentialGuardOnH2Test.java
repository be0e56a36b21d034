package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The embedded H2 serves one replica: the leases are kept in memory, the guard row in the database. */
class CredentialGuardOnH2Test extends CredentialGuardContract {

    @Override
    boolean sharedLeases() {
        return false;
    }

    @Test
    void leasesStayOutOfTheDatabase() {
        proven();
        first.admit();
        second.admit();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM upstream_send_leases").query(Long.class).single()).isZero();
    }
}
