package com.acme.gateway.api;

import com.acme.gateway.request.RequestLimits;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The management port's own connection limit, {@code gateway.limits.max-management-connections}:
 * Spring Boot would give it {@code server.tomcat.max-connections}, and slow requests on both ports
 * at once would then need more heap than there is (README, "Connections and heap"). Imported into
 * the management port's own context (META-INF/spring). Deliberately not a {@code @Configuration}:
 * component scanning would also apply it to the API port.
 */
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class ManagementConnectionLimit {

    @Bean
    @ConditionalOnBean(RequestLimits.class) // the gateway's context is the parent; test slices may lack it
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> managementConnectionLimit(RequestLimits limits) {
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                protocol.setMaxConnections(limits.maxManagementConnections());
            }
        });
    }
}
