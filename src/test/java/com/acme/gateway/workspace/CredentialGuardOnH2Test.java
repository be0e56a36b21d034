package com.acme.gateway.workspace;

class CredentialGuardOnH2Test extends CredentialGuardContract {
}
