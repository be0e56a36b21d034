package com.acme.gateway.idempotency;

import com.acme.gateway.database.PostgresTest;

@PostgresTest
class IdempotencyStoreOnPostgresTest extends IdempotencyStoreContract {
}
