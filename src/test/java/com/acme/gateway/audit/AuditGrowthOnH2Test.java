package com.acme.gateway.audit;

class AuditGrowthOnH2Test extends AuditGrowthContract {
}
