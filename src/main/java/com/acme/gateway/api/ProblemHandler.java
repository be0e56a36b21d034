package com.acme.gateway.api;

import com.acme.gateway.audit.AuditUnavailableException;
import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemResponses;
import com.acme.gateway.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error the API answers is RFC 9457 problem+json with a stable type from {@link ProblemType}. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler
    ResponseEntity<String> invalid(InvalidRequestException e, HttpServletRequest request) {
        return respond(Problem.invalid(e.type(), e.errors()), request, new HttpHeaders());
    }

    @ExceptionHandler
    ResponseEntity<String> tooLarge(BodyTooLargeException e, HttpServletRequest request) {
        return respond(Problem.of(ProblemType.BODY_TOO_LARGE,
                "The body must be at most " + e.limit() + " bytes (gateway.limits.max-body-size)."), request,
                new HttpHeaders());
    }

    @ExceptionHandler
    ResponseEntity<String> problem(ProblemException e, HttpServletRequest request) {
        return respond(Problem.of(e.type(), e.getMessage()), request, new HttpHeaders());
    }

    /** A read of the audit trail failed; writes never get here (the execution flow answers those itself). */
    @ExceptionHandler
    ResponseEntity<String> auditUnavailable(AuditUnavailableException e, HttpServletRequest request) {
        log.warn("Audit store unavailable for a read: {}", e.getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Problem.RETRY_AFTER_SECONDS));
        return respond(Problem.of(ProblemType.AUDIT_UNAVAILABLE, "The audit store cannot be read right now; retry later."),
                request, headers);
    }

    @ExceptionHandler
    ResponseEntity<String> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unhandled error", e);
        return respond(Problem.of(ProblemType.INTERNAL, "An internal error occurred; it has been logged."), request,
                new HttpHeaders());
    }

    /** Spring MVC's own problems (404, 405, 415, ...) get our type URIs and titles. */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail spring
                && request instanceof ServletWebRequest servlet) {
            ProblemType type = switch (status.value()) {
                case 404 -> ProblemType.NOT_FOUND;
                case 405 -> ProblemType.METHOD_NOT_ALLOWED;
                case 406 -> ProblemType.NOT_ACCEPTABLE;
                case 413 -> ProblemType.BODY_TOO_LARGE;
                case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
                case 400 -> ProblemType.VALIDATION;
                default -> null;
            };
            String detail = String.valueOf(spring.getDetail());
            Problem problem = type == null ? Problem.plain(spring.getStatus(), String.valueOf(spring.getTitle()), detail)
                    : Problem.of(type, detail);
            ResponseEntity<String> answer = respond(problem, servlet.getRequest(), response.getHeaders());
            return new ResponseEntity<>(answer.getBody(), answer.getHeaders(), answer.getStatusCode());
        }
        return response;
    }

    private static ResponseEntity<String> respond(Problem problem, HttpServletRequest request, HttpHeaders headers) {
        return ProblemResponses.entity(problem.at(request.getRequestURI()), headers);
    }
}
