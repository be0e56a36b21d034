package com.acme.gateway.execution;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.database.OnPostgres;

@GatewayWithMockMvc
@OnPostgres
class IdempotencyOnPostgresTest extends IdempotencyContract {
}
