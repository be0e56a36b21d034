package com.acme.gateway.execution;

import com.acme.gateway.database.OnPostgres;

@OnPostgres
class AuditTrailOnPostgresTest extends AuditTrailContract {
}
