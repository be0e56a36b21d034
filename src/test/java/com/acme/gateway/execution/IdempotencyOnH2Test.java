package com.acme.gateway.execution;

import com.acme.gateway.GatewayTest;

@GatewayTest
class IdempotencyOnH2Test extends IdempotencyContract {
}
