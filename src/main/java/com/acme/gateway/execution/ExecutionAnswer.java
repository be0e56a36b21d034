package com.acme.gateway.execution;

import java.util.Map;

/**
 * What the caller is told, ready to write: status, headers and the JSON body. The same shape is
 * stored with an idempotency key and replayed byte for byte.
 */
public record ExecutionAnswer(int status, Map<String, String> headers, String body) {

    public ExecutionAnswer {
        headers = Map.copyOf(headers);
    }

    public boolean problem() {
        return status >= 400;
    }
}
