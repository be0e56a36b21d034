package com.acme.gateway.api;

import com.acme.gateway.audit.AuditUnavailableException;
import com.acme.gateway.execution.ProblemType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error the API answers is RFC 9457 problem+json with a stable type from {@link ProblemType}. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String AUDIT_RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        var problem = problem(e.type(), e.errors().size() == 1 ? e.errors().getFirst().detail()
                : e.errors().size() + " problems with the request; see errors");
        problem.setProperty("errors", e.errors());
        return respond(problem, new HttpHeaders());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException e) {
        return respond(problem(ProblemType.BODY_TOO_LARGE,
                "The body must be at most " + e.limit() + " bytes (gateway.limits.max-body-size)."), new HttpHeaders());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        return respond(problem(e.type(), e.getMessage()), new HttpHeaders());
    }

    /** A read of the audit trail failed; writes never get here (the execution flow answers those itself). */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> auditUnavailable(AuditUnavailableException e) {
        log.warn("Audit store unavailable for a read: {}", e.getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, AUDIT_RETRY_AFTER_SECONDS);
        return respond(problem(ProblemType.AUDIT_UNAVAILABLE, "The audit store cannot be read right now; retry later."),
                headers);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unhandled error", e);
        return respond(problem(ProblemType.INTERNAL, "An internal error occurred; it has been logged."), new HttpHeaders());
    }

    /** Spring MVC's own problems (404, 405, 415, ...) get our type URIs and titles. */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            ProblemType type = switch (status.value()) {
                case 404 -> ProblemType.NOT_FOUND;
                case 405 -> ProblemType.METHOD_NOT_ALLOWED;
                case 406 -> ProblemType.NOT_ACCEPTABLE;
                case 413 -> ProblemType.BODY_TOO_LARGE;
                case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
                case 400 -> ProblemType.VALIDATION;
                default -> null;
            };
            if (type != null) {
                problem.setType(type.type());
                problem.setTitle(type.title());
            }
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return response;
    }

    static ProblemDetail problem(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.type());
        problem.setTitle(type.title());
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

}
