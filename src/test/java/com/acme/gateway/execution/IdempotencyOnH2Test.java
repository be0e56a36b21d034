package com.acme.gateway.execution;

import com.acme.gateway.GatewayWithMockMvc;

@GatewayWithMockMvc
class IdempotencyOnH2Test extends IdempotencyContract {
}
