package com.acme.gateway.api;

import static com.acme.gateway.api.Submissions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every public route is in the OpenAPI document, which needs no credentials (OWASP API9). */
@GatewayWithMockMvc
class OpenApiDocumentTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void listsThePublicApiWithoutCredentials() {
        MvcTestResult result = mvc.get().uri("/v3/api-docs").exchange();

        assertThat(result).hasStatus(200);
        var json = assertThat(result).bodyJson();
        json.extractingPath("$.paths['/api/v1/pools/{poolId}/script-executions'].post").isNotNull();
        json.extractingPath("$.paths['/api/v1/executions'].get").isNotNull();
        json.extractingPath("$.paths['/api/v1/executions/{taskId}'].get").isNotNull();
        json.extractingPath("$.paths['/api/v1/executions/{taskId}/stop'].post").isNotNull();
        json.extractingPath("$.paths['/api/v1/audit-events'].get").isNotNull();
        json.extractingPath("$.paths['/api/v1/me'].get").isNotNull();
    }

    @Test
    void documentsEveryMappedApiRoute() {
        List<String> routes = mappings.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternValues().stream())
                .filter(pattern -> pattern.startsWith("/api/"))
                .toList();

        MvcTestResult result = mvc.get().uri("/v3/api-docs").exchange();

        assertThat(routes).hasSizeGreaterThanOrEqualTo(5);
        assertThat(json(result).get("paths").propertyNames()).containsAll(routes);
    }
}
