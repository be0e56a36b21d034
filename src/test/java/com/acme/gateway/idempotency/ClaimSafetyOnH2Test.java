package com.acme.gateway.idempotency;

class ClaimSafetyOnH2Test extends ClaimSafetyContract {
}
