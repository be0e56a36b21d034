package com.acme.gateway.execution;

import com.acme.gateway.idempotency.IdempotencyStore;
import com.acme.gateway.workspace.UpstreamCallLimit;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when an Idempotency-Key claim could count as abandoned while its upstream call
 * is still running: a repeat would then be told "outcome unknown" and the live call's answer
 * could no longer be stored.
 */
@Component
class InFlightTimeoutCheck {

    static final String PROPERTY = "gateway.idempotency.in-flight-timeout";

    InFlightTimeoutCheck(IdempotencyStore keys, UpstreamCallLimit upstream) {
        if (keys.inFlightTimeout().compareTo(upstream.longest()) <= 0) {
            throw new InvalidConfigurationPropertyValueException(PROPERTY, keys.inFlightTimeout(),
                    "it must be longer than the longest upstream call, " + upstream.formula()
                            + "; raise " + PROPERTY + " or lower those settings");
        }
    }
}
