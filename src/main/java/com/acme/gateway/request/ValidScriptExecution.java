package com.acme.gateway.request;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Cross-field rules and configurable size limits of a {@link ScriptExecutionRequest}. */
@Documented
@Constraint(validatedBy = ScriptExecutionRequestValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidScriptExecution {

    String message() default "invalid script execution request";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
