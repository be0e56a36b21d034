package com.acme.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.acme.gateway.workspace.TaskQuery;
import com.acme.gateway.workspace.UpstreamException;
import com.acme.gateway.workspace.WorkspaceClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One WireMock stand-in for the Workspace API per test JVM, so that application contexts can be
 * cached across test classes. Tests reset it before each test.
 */
public final class TestUpstream implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final WireMockServer SERVER = start();
    private static final String WARM_UP_ID = "00000000-0000-4000-8000-000000000000";

    public static WireMockServer server() {
        return SERVER;
    }

    /** Forgets earlier stubs and requests, then answers every execute request with this task id. */
    public static void resetAndAccept(String taskId) {
        SERVER.resetAll();
        Fixtures.executeAnswers(Fixtures.accepted(taskId));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        // lowest precedence, so that a test can point the gateway elsewhere with @DynamicPropertySource
        context.getEnvironment().getPropertySources()
                .addLast(new MapPropertySource("test-upstream", Map.of("workspace.endpoint", SERVER.baseUrl())));
        context.addApplicationListener((ApplicationListener<ApplicationReadyEvent>) ready -> warmUp(ready.getApplicationContext()));
    }

    /**
     * The first upstream call of a JVM loads and initialises the HTTP client, signer and JSON
     * mapper, which on a busy machine can outlast the tests' one-second read timeout. One harmless
     * read makes every test start warm; its answer (usually a 404 from the unstubbed simulator) does
     * not matter, and tests reset the simulator before they start.
     */
    private static void warmUp(ApplicationContext context) {
        context.getBeanProvider(WorkspaceClient.class).ifAvailable(client -> {
            try {
                client.findTasks(TaskQuery.task(WARM_UP_ID, WARM_UP_ID));
            } catch (UpstreamException expected) {
                // no stub answers the warm-up
            }
        });
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().templatingEnabled(true));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }
}
