package com.acme.gateway.audit;

class AuditLogListingOnH2Test extends AuditLogListingContract {
}
