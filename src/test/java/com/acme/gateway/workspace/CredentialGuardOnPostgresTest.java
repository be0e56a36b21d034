package com.acme.gateway.workspace;

import com.acme.gateway.database.PostgresTest;

@PostgresTest
class CredentialGuardOnPostgresTest extends CredentialGuardContract {
}
