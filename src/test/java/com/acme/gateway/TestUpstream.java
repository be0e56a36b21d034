package com.acme.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One WireMock stand-in for the Workspace API per test JVM, so that application contexts can be
 * cached across test classes. Tests reset it before each test.
 */
public final class TestUpstream implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final WireMockServer SERVER = start();

    public static WireMockServer server() {
        return SERVER;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        // lowest precedence, so that a test can point the gateway elsewhere with @DynamicPropertySource
        context.getEnvironment().getPropertySources()
                .addLast(new MapPropertySource("test-upstream", Map.of("workspace.endpoint", SERVER.baseUrl())));
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().templatingEnabled(true));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }
}
