package com.acme.gateway.audit;

import com.acme.gateway.database.PostgresTest;

@PostgresTest
class AuditLogListingOnPostgresTest extends AuditLogListingContract {
}
