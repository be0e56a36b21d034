package com.acme.gateway.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What goes into audit rows. The command text may hold secrets, so by default only its SHA-256 is
 * kept.
 */
@ConfigurationProperties("gateway.audit")
public record AuditSettings(@DefaultValue("false") boolean storeCommandContent) {
}
