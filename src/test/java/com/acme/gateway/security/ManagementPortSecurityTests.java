package com.acme.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Through real HTTP: the security chain also guards the management server (Boot hands it the same filter chain),
 * where actuator endpoints are open, while {@code /actuator} on the public port is denied.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "management.server.port=0",
    "management.endpoints.web.exposure.include=health,info"})
class ManagementPortSecurityTests {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int serverPort;

    @LocalManagementPort
    int managementPort;

    @AfterAll
    static void closeClient() {
        http.close();
    }

    @Test
    void actuatorOnTheManagementPortNeedsNoCredentials() throws Exception {
        assertThat(get(managementPort, "/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void actuatorIsNotServedOnThePublicPort() throws Exception {
        HttpResponse<String> response = get(serverPort, "/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void apiKeyAuthenticatesOverHttp() throws Exception {
        HttpResponse<String> response = get(serverPort, "/api/v1/whoami", Teams.PAYMENTS_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":\"apikey:payments-ci\"");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void wrongKeyIsAProblemOverHttp() throws Exception {
        HttpResponse<String> response = get(serverPort, "/api/v1/whoami", "not-a-key");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("ApiKey realm=\"workspace-script-gateway\"");
        assertThat(response.body()).contains("\"instance\":\"/api/v1/whoami\"");
    }

    private static HttpResponse<String> get(int port, String path, String apiKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    /** Only the web and security pieces: no database, whatever migrations the gateway ships. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration(exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
    @Import({SecurityConfiguration.class, SecurityTestSetup.class})
    static class MinimalGateway {
    }
}
