package com.acme.gateway.workspace;

import com.acme.gateway.database.OnPostgres;

@OnPostgres
class CredentialGuardOnPostgresTest extends CredentialGuardContract {
}
