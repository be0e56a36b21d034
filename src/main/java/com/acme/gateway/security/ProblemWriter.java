package com.acme.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;

/** Writes RFC 9457 problem details from the security filters, which run before Spring MVC. */
final class ProblemWriter {

    private static final String PROBLEM_TYPES = "https://gateway.acme.com/problems/";

    private final JacksonJsonHttpMessageConverter converter = new JacksonJsonHttpMessageConverter();

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
            String title, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEM_TYPES + type));
        problem.setTitle(title);
        problem.setInstance(instance(request));
        response.setStatus(status.value());
        converter.write(problem, MediaType.APPLICATION_PROBLEM_JSON, new ServletServerHttpResponse(response));
    }

    private static @Nullable URI instance(HttpServletRequest request) {
        try {
            return URI.create(request.getRequestURI());
        }
        catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
