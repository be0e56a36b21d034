package com.acme.gateway.audit;

import com.acme.gateway.database.OnPostgres;

@OnPostgres
class AuditLogListingOnPostgresTest extends AuditLogListingContract {
}
