package com.acme.gateway.idempotency;

class IdempotencyStoreOnH2Test extends IdempotencyStoreContract {
}
