package com.acme.gateway.api;

import com.acme.gateway.problem.ProblemType;

/** Ends a request with a problem of this type; {@code detail} is written for the caller. */
class ProblemException extends RuntimeException {

    private final ProblemType type;

    ProblemException(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    ProblemType type() {
        return type;
    }
}
