package com.acme.gateway.audit;

class UnknownOutcomeLogOnH2Test extends UnknownOutcomeLogContract {
}
