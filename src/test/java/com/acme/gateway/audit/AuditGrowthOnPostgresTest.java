package com.acme.gateway.audit;

import com.acme.gateway.database.PostgresTest;

@PostgresTest
class AuditGrowthOnPostgresTest extends AuditGrowthContract {
}
