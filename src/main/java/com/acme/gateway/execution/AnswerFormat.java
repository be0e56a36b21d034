package com.acme.gateway.execution;

import com.acme.gateway.idempotency.StoredAnswer;

/**
 * The HTTP answer the web layer gives for a result, which the execution core keeps with an
 * Idempotency-Key so that a repeat gets the very same bytes. Implemented by the web layer, which
 * alone knows paths and headers.
 */
public interface AnswerFormat {

    StoredAnswer render(ExecutionResult result);
}
