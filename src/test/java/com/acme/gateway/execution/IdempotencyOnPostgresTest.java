package com.acme.gateway.execution;

import com.acme.gateway.GatewayTest;
import com.acme.gateway.database.PostgresTest;

@GatewayTest
@PostgresTest
class IdempotencyOnPostgresTest extends IdempotencyContract {
}
