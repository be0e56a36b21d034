package com.acme.gateway.api;

import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemResponses;
import com.acme.gateway.problem.ProblemType;
import java.io.IOException;
import java.io.Writer;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Requests that Tomcat refuses before any filter runs (a broken request line, an encoded slash or a
 * NUL in the path, duplicate Content-Length, too many or too large headers) are answered as
 * problem+json with an X-Request-Id too, instead of Tomcat's HTML error page, and logged as one
 * WARN line without a stack trace.
 */
@Component
class TomcatProblemReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemValve.class.getName());
            }
        });
    }

    /** Tomcat creates it by class name, so it must be public with a public constructor. */
    public static class ProblemValve extends ErrorReportValve {

        private static final Logger log = LoggerFactory.getLogger(ProblemValve.class);

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            Problem problem = problem(status);
            String requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE) instanceof String id ? id
                    : UUID.randomUUID().toString();
            log.warn("Request refused by the container before the gateway saw it: status {}{}", status,
                    throwable == null ? "" : " (" + throwable.getClass().getSimpleName() + ")");
            try {
                response.setHeader(RequestIdFilter.HEADER, requestId);
                String body = ProblemResponses.report(response, problem);
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                }
            } catch (IOException | IllegalStateException e) {
                containerLog.debug("Could not write the problem report; the connection is gone", e);
            }
        }

        private static Problem problem(int status) {
            return switch (status) {
                case 400 -> Problem.of(ProblemType.BAD_REQUEST, "The request line or headers could not be "
                        + "parsed: a malformed request line or path (for example an encoded slash or a NUL), an "
                        + "unknown or repeated header that must be unique (such as Content-Length), too many headers "
                        + "or headers over the size limit.");
                case 404 -> Problem.of(ProblemType.NOT_FOUND, "There is no resource at this path.");
                case 405 -> Problem.of(ProblemType.METHOD_NOT_ALLOWED, "This method is not allowed here.");
                case 408 -> Problem.of(ProblemType.REQUEST_TIMEOUT,
                        "The request did not arrive in time; send the whole request at once.");
                case 413 -> Problem.of(ProblemType.BODY_TOO_LARGE, "The request is too large.");
                default -> ProblemErrorController.plain(status,
                        "The request was refused with status " + status + " before it reached the gateway.");
            };
        }
    }
}
