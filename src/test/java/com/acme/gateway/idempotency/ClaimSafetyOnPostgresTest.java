package com.acme.gateway.idempotency;

import com.acme.gateway.database.PostgresTest;

@PostgresTest
class ClaimSafetyOnPostgresTest extends ClaimSafetyContract {
}
