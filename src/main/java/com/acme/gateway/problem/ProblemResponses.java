package com.acme.gateway.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Puts answers on the wire: the only place that chooses the problem+json content type. */
public final class ProblemResponses {

    private static final MediaType PROBLEM_JSON = MediaType.parseMediaType(Problem.CONTENT_TYPE);

    private ProblemResponses() {
    }

    public static ResponseEntity<String> entity(Problem problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.status()).headers(headers).contentType(PROBLEM_JSON).body(problem.json());
    }

    /** A JSON answer already written out: problem+json from status 400 on, plain JSON below. */
    public static ResponseEntity<String> entity(int status, Map<String, String> headers, String json) {
        var response = ResponseEntity.status(status).contentType(status >= 400 ? PROBLEM_JSON : MediaType.APPLICATION_JSON);
        headers.forEach(response::header);
        return response.body(json);
    }

    /** For filters and handlers that run outside Spring MVC. */
    public static void write(HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(Problem.CONTENT_TYPE);
        response.getOutputStream().write(problem.json().getBytes(StandardCharsets.UTF_8));
    }

    /** For the container's error report, which writes through a writer of its own: sets the type, returns the text. */
    public static String report(HttpServletResponse response, Problem problem) {
        response.setContentType(Problem.CONTENT_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        return problem.json();
    }
}
