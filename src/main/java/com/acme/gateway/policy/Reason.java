package com.acme.gateway.policy;

/**
 * Why a rule passed or failed. {@code rule} is a stable machine-readable name (e.g. {@code pool},
 * {@code canary}); {@code detail} is a sentence for humans that never repeats command content.
 */
public record Reason(String rule, String detail) {
}
