package com.acme.gateway.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One violation: {@code pointer} is a JSON pointer into the body ({@code #/desktop_ids/3}),
 * {@code parameter} names a path, query or header parameter instead.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(@Nullable String pointer, @Nullable String parameter, String detail) {

    public static FieldError body(String pointer, String detail) {
        return new FieldError(pointer, null, detail);
    }

    public static FieldError parameter(String name, String detail) {
        return new FieldError(null, name, detail);
    }
}
