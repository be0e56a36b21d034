package com.acme.gateway.api;

import com.acme.gateway.request.RequestLimits;
import java.util.Set;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The management port's web server, in its own child context (imported through META-INF/spring;
 * deliberately not a {@code @Configuration}, which component scanning would apply to the API port):
 * <ul>
 * <li>its own connection limit, {@code gateway.limits.max-management-connections}: Spring Boot would
 * give it {@code server.tomcat.max-connections}, and slow requests on both ports at once would then
 * need more heap than there is (README, "Connections and heap");</li>
 * <li>the errors its container decides (an unparseable request, an unknown path or method) answered
 * as problem+json by {@link TomcatProblemReports}, in place of Tomcat's HTML page and Spring Boot's
 * plain JSON error endpoint.</li>
 * </ul>
 */
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class ManagementServer {

    @Bean
    @ConditionalOnBean(RequestLimits.class) // the gateway's context is the parent; test slices may lack it
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> managementServer(RequestLimits limits) {
        return factory -> {
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                    protocol.setMaxConnections(limits.maxManagementConnections());
                }
            });
            factory.setErrorPages(Set.of());
            new TomcatProblemReports().customize(factory);
        };
    }
}
