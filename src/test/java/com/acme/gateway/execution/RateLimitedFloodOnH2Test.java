package com.acme.gateway.execution;

class RateLimitedFloodOnH2Test extends RateLimitedFloodContract {
}
