package com.acme.gateway.audit;

class AuditLogOnH2Test extends AuditLogContract {
}
