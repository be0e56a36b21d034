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
import tools.jackson.databind.JsonNode;

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

    /** The POST answers raw JSON; its schemas come from annotations and must not silently disappear. */
    @Test
    void describesTheScriptExecutionRequestAndEveryAnswerOfIt() {
        JsonNode document = json(mvc.get().uri("/v3/api-docs").exchange());
        JsonNode post = document.get("paths").get("/api/v1/pools/{poolId}/script-executions").get("post");

        assertThat(properties(document, post.at("/requestBody/content/application~1json/schema")))
                .contains("script_ids", "desktop_ids", "gray_count", "command_content", "command_type", "post_finish");
        assertThat(properties(document, post.at("/responses/202/content/application~1json/schema")))
                .containsExactlyInAnyOrder("task_id", "execution_id", "pool_id", "team");
        assertThat(properties(document, post.at("/responses/200/content/application~1json/schema")))
                .contains("dry_run", "decision", "team", "pool_id", "reasons", "upstream_request");
        assertProblemSchemas(document, post);
    }

    @Test
    void describesTheStopAndEveryAnswerOfIt() {
        JsonNode document = json(mvc.get().uri("/v3/api-docs").exchange());
        JsonNode post = document.get("paths").get("/api/v1/executions/{taskId}/stop").get("post");

        assertThat(properties(document, post.at("/requestBody/content/application~1json/schema"))).containsExactly("record_id");
        assertThat(properties(document, post.at("/responses/202/content/application~1json/schema")))
                .containsExactlyInAnyOrder("task_id", "record_id", "pool_id", "team", "stopped_by");
        assertProblemSchemas(document, post);
    }

    /** An execution record is a view of its audit row: the document lists what the JSON shows, not the row. */
    @Test
    void describesTheExecutionRecordAsItsJsonShowsIt() {
        JsonNode document = json(mvc.get().uri("/v3/api-docs").exchange());

        assertThat(document.at("/components/schemas/ExecutionRecord/properties").propertyNames())
                .contains("execution_id", "request_id", "created_at", "team", "pool_id", "outcome", "task_id",
                        "command_sha256", "idempotency_key", "refused_count")
                .doesNotContain("entry", "ownTeam", "own_team");
    }

    private static void assertProblemSchemas(JsonNode document, JsonNode operation) {
        for (String problems : List.of("4XX", "5XX")) {
            assertThat(properties(document, operation.at("/responses/" + problems + "/content/application~1problem+json/schema")))
                    .as(problems).containsExactlyInAnyOrder("type", "title", "status", "detail", "instance");
        }
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

    /** The property names of a schema given inline or as a reference to the document's components. */
    private static List<String> properties(JsonNode document, JsonNode schema) {
        assertThat(schema.isMissingNode()).as("schema present").isFalse();
        JsonNode resolved = schema.has("$ref")
                ? document.at(schema.get("$ref").asString().substring(1)) : schema;
        assertThat(resolved.has("properties")).as("schema %s has properties", schema).isTrue();
        return List.copyOf(resolved.get("properties").propertyNames());
    }
}
