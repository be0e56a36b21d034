package com.acme.gateway.idempotency;

import com.acme.gateway.database.OnPostgres;

@OnPostgres
class IdempotencyStoreOnPostgresTest extends IdempotencyStoreContract {
}
