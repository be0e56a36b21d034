package com.acme.gateway.execution;

import com.acme.gateway.database.PostgresTest;

@PostgresTest
class AuditTrailOnPostgresTest extends AuditTrailContract {
}
