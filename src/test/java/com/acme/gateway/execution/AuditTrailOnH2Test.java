package com.acme.gateway.execution;

class AuditTrailOnH2Test extends AuditTrailContract {
}
