package com.acme.gateway.api;

import com.acme.gateway.problem.FieldError;
import com.acme.gateway.problem.ProblemType;
import java.util.List;

/** The request broke one or more rules; answered as 400 with every violation listed. */
class InvalidRequestException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    InvalidRequestException(ProblemType type, List<FieldError> errors) {
        super(type.title(), null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    ProblemType type() {
        return type;
    }

    List<FieldError> errors() {
        return errors;
    }
}
