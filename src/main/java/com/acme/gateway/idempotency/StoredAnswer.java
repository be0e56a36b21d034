package com.acme.gateway.idempotency;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answer given to the first request with a key, replayed to every repeat: status, JSON body, a few headers. */
public record StoredAnswer(int status, String body, Map<String, String> headers) {

    public StoredAnswer {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
