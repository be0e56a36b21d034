package com.acme.gateway.workspace;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jspecify.annotations.Nullable;

/**
 * Credentials come either inline (access key and secret key both set) or from a directory, never
 * from both; each violation names the property to fix.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CompleteCredentials.Validator.class)
@interface CompleteCredentials {

    String message() default "incomplete credentials";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<CompleteCredentials, WorkspaceProperties.Credentials> {

        @Override
        public boolean isValid(WorkspaceProperties.@Nullable Credentials credentials, ConstraintValidatorContext context) {
            if (credentials == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            if (credentials.directory() != null) {
                boolean inline = present(credentials.accessKey()) || present(credentials.secretKey())
                        || present(credentials.securityToken());
                return !inline || violation(context, "directory", "must not be combined with inline "
                        + "workspace.credentials.access-key, secret-key or security-token: choose one source");
            }
            boolean valid = present(credentials.accessKey())
                    || violation(context, "accessKey", "must be set (the Huawei access key id)");
            return (present(credentials.secretKey())
                    || violation(context, "secretKey", "must be set (the Huawei secret access key)")) && valid;
        }

        private static boolean present(@Nullable String value) {
            return value != null && !value.isBlank();
        }

        private static boolean violation(ConstraintValidatorContext context, String property, String message) {
            context.buildConstraintViolationWithTemplate(message).addPropertyNode(property).addConstraintViolation();
            return false;
        }
    }
}
