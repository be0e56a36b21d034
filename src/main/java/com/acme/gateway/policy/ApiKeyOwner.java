package com.acme.gateway.policy;

/** The team that holds a presented API key, and the id of the key that matched (never the key itself). */
public record ApiKeyOwner(TeamPolicy team, String keyId) {
}
