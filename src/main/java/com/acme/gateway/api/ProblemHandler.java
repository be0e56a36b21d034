package com.acme.gateway.api;

import com.acme.gateway.workspace.UpstreamException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

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
    ResponseEntity<ProblemDetail> upstream(UpstreamException e) {
        ProblemDetail problem = upstreamProblem(e);
        var headers = new HttpHeaders();
        headers.set(ExecutionController.UPSTREAM_ATTEMPTS_HEADER, Integer.toString(e.attempts()));
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            headers.set(HttpHeaders.RETRY_AFTER, seconds(e.retryAfter()));
        }
        if (e.failure().outcomeUnknown()) {
            problem.setProperty("outcome", "UNKNOWN");
        }
        setIfPresent(problem, "upstream_status", e.status());
        setIfPresent(problem, "error_code", e.errorCode());
        setIfPresent(problem, "error_msg", e.errorMessage());
        setIfPresent(problem, "upstream_request_id", e.upstreamRequestId());
        setIfPresent(problem, "request_id", RequestIdFilter.current());
        return respond(problem, headers);
    }

    private static ProblemDetail upstreamProblem(UpstreamException e) {
        return switch (e.failure()) {
            case NOT_SENT, THROTTLED -> problem(ProblemType.UPSTREAM_UNAVAILABLE, "The Workspace API could not be "
                    + "reached or is throttling; the request was not sent or not processed. Retry later.");
            case CIRCUIT_OPEN -> problem(ProblemType.CIRCUIT_OPEN, "The Workspace API has been failing, so the gateway "
                    + "sent nothing. Retry after the Retry-After delay.");
            case BULKHEAD_FULL -> problem(ProblemType.UPSTREAM_BUSY, "The gateway's limit of concurrent Workspace API "
                    + "calls is reached; nothing was sent. Retry after the Retry-After delay.");
            case CREDENTIALS_LOCKED -> problem(ProblemType.UPSTREAM_CREDENTIALS_LOCKED, "The Workspace API refused the "
                    + "gateway's own credentials repeatedly, so calls are paused to keep the key from being locked. "
                    + "Nothing was sent; operators have been alerted.");
            case REJECTED -> problem(ProblemType.UPSTREAM_REJECTED,
                    "The Workspace API refused the request; see error_code and error_msg.");
            case NOT_FOUND -> problem(ProblemType.POOL_NOT_FOUND, "The Workspace API does not know this pool.");
            case CREDENTIALS_REFUSED -> {
                log.error("Workspace API refused the gateway's credentials: status={} error_code={}",
                        e.status(), e.errorCode());
                yield problem(ProblemType.UPSTREAM_CREDENTIALS,
                        "The gateway's own credentials were refused; nothing was executed. Operators have been alerted.");
            }
            case FAILED -> problem(ProblemType.UPSTREAM_FAILED,
                    "The Workspace API answered in a way that shows nothing was executed.");
            case TIMED_OUT -> problem(ProblemType.UPSTREAM_TIMEOUT, "The request was sent but no answer came in time: "
                    + "the scripts may or may not be running. Do not resend blindly; check the executions list.");
            case CONNECTION_LOST -> problem(ProblemType.UPSTREAM_CONNECTION_LOST, "The request was sent and the "
                    + "connection broke before an answer: the scripts may or may not be running. Do not resend "
                    + "blindly; check the executions list.");
            case UNKNOWN -> problem(ProblemType.OUTCOME_UNKNOWN, "The request was sent and the Workspace API failed "
                    + "without saying whether it ran it. Do not resend blindly; check the executions list.");
        };
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

    private static void setIfPresent(ProblemDetail problem, String name, @Nullable Object value) {
        if (value != null) {
            problem.setProperty(name, value);
        }
    }

    private static String seconds(@Nullable Duration retryAfter) {
        Duration d = retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter;
        return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
    }
}
