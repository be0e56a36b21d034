package com.acme.gateway.api;

import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemResponses;
import com.acme.gateway.problem.ProblemType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The container's error page ({@code /error}): answers that Tomcat or a filter decided outside the
 * controllers (a body that breaks off or never arrives, TRACE, {@code /WEB-INF}) as problem+json
 * with the request's id, in place of Spring Boot's default error JSON. A client's bad bytes are
 * logged as one WARN line; only a 5xx is an ERROR.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final RequestMappingHandlerMapping routes;

    ProblemErrorController(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping routes) {
        this.routes = routes;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<String> error(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        Throwable cause = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t ? t : null;
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri ? uri : "/";
        HttpHeaders headers = new HttpHeaders();
        headers.set(RequestIdFilter.HEADER, RequestIdFilter.of(request));
        Problem problem;
        if (status == 405) {
            Set<String> allowed = allowedMethods(path);
            if (allowed.isEmpty()) {
                status = 404;
                problem = Problem.of(ProblemType.NOT_FOUND, "There is no resource at this path.");
            } else {
                headers.set(HttpHeaders.ALLOW, String.join(", ", allowed));
                problem = Problem.of(ProblemType.METHOD_NOT_ALLOWED,
                        "The method " + safeMethod(request) + " is not allowed here; allowed: " + String.join(", ", allowed) + ".");
            }
        } else {
            problem = problem(status, cause);
        }
        if (status >= 500) {
            log.error("Request failed outside the controllers: status {} {}", status, path, cause);
        } else {
            log.warn("Request refused outside the controllers: status {} {} {}{}", status, safeMethod(request), path,
                    cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
        }
        return ProblemResponses.entity(problem.at(path), headers);
    }

    private static Problem problem(int status, @Nullable Throwable cause) {
        return switch (status) {
            case 400 -> cause instanceof IOException
                    ? Problem.of(ProblemType.MALFORMED_BODY, "The request body could not be read: "
                            + "broken chunked encoding, or a body shorter than its Content-Length.")
                    : Problem.of(ProblemType.BAD_REQUEST, "The request could not be read as HTTP.");
            case 404 -> Problem.of(ProblemType.NOT_FOUND, "There is no resource at this path.");
            case 408 -> Problem.of(ProblemType.REQUEST_TIMEOUT,
                    "The request body did not arrive in time; send the whole request at once.");
            case 413 -> Problem.of(ProblemType.BODY_TOO_LARGE, "The request is too large.");
            case 415 -> Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "This content type is not supported.");
            default -> status >= 500 ? Problem.of(ProblemType.INTERNAL, "An internal error occurred; it has been logged.")
                    : plain(status, "The request was refused with status " + status + ".");
        };
    }

    /** A status without a type of its own: RFC 9457's about:blank with the status phrase as title. */
    static Problem plain(int status, String detail) {
        HttpStatus known = HttpStatus.resolve(status);
        return Problem.plain(status, known == null ? "Request refused" : known.getReasonPhrase(), detail);
    }

    /** The methods the API's routes accept at this path (TRACE reaches no route: Tomcat refuses it first). */
    private Set<String> allowedMethods(String path) {
        PathContainer container = PathContainer.parsePath(path);
        Set<String> methods = new TreeSet<>();
        routes.getHandlerMethods().keySet().forEach(info -> {
            var patterns = info.getPathPatternsCondition();
            if (patterns != null && patterns.getPatterns().stream().anyMatch(pattern -> pattern.matches(container))) {
                info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
            }
        });
        return methods;
    }

    private static String safeMethod(HttpServletRequest request) {
        String method = request.getMethod();
        return method != null && method.matches("[A-Z]{1,16}") ? method : "(unknown)";
    }
}
