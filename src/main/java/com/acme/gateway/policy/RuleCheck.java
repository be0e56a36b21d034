package com.acme.gateway.policy;

/** One rule checked outside the team's own rules (a freeze, a change window): passed or not, and why. */
record RuleCheck(boolean passed, Reason reason) {
}
