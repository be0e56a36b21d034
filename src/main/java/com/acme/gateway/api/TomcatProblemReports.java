package com.acme.gateway.api;

import com.acme.gateway.execution.ProblemType;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Requests that Tomcat refuses before any filter runs (an encoded slash or a NUL in the path, a
 * broken request line) are answered as problem+json too, instead of Tomcat's HTML error page.
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

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String type = status == 400 ? ProblemType.VALIDATION.type().toString() : "about:blank";
            String title = status == 400 ? ProblemType.VALIDATION.title() : "Request refused";
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                            + ",\"detail\":\"The request could not be parsed: the path or request line contains "
                            + "characters the gateway never accepts (for example an encoded slash or a NUL).\"}");
                }
            } catch (IOException | IllegalStateException e) {
                containerLog.debug("Could not write the problem report; the connection is gone", e);
            }
        }
    }
}
