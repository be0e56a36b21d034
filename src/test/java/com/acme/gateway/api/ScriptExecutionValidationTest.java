package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.POOL;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.TestUpstream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The request schema, case by case: status, problem type and every reported pointer. */
@GatewayWithMockMvc
class ScriptExecutionValidationTest {

    static final String SCRIPT = "0006e69f-5970-4af5-a652-e111055e630b";
    static final String D1 = "00298bb0-104a-4467-9b15-876c6fb7a99f";
    static final String D2 = "11298bb0-104a-4467-9b15-876c6fb7a99f";
    static final String D3 = "22298bb0-104a-4467-9b15-876c6fb7a99f";
    static final String D4 = "33298bb0-104a-4467-9b15-876c6fb7a99f";
    static final String ONE_DESKTOP = "\"desktop_ids\":[\"" + D1 + "\"]";
    static final String S = "\"script_ids\":[\"" + SCRIPT + "\"]";

    @Autowired
    MockMvcTester mvc;

    @BeforeEach
    void upstreamAccepts() {
        TestUpstream.resetAndAccept("9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                ok("script run", "{" + S + "," + ONE_DESKTOP + "}"),
                ok("shell command", "{\"command_content\":\"echo hi\",\"command_type\":\"SHELL\"," + ONE_DESKTOP + "}"),
                ok("every field", "{" + S + ",\"desktop_ids\":[\"" + D1 + "\",\"" + D2 + "\"],\"gray_desktop_ids\":[\"" + D1
                        + "\"],\"gray_count\":1,\"gray_fail_threshold\":1,\"pre_start\":\"none\",\"post_finish\":\"reboot\","
                        + "\"execution_timeout\":30}"),
                ok("uppercase uuid", "{\"script_ids\":[\"" + SCRIPT.toUpperCase() + "\"]," + ONE_DESKTOP + "}"),
                bad("pool id not a uuid", "abc", "{" + S + "}", "poolId"),
                bad("pool id with user info", POOL + "@evil.example", "{" + S + "}", "poolId"),
                bad("pool id with unicode", "a130ab3a-72bf-4b71-baa9-af4987c8e33８", "{" + S + "}", "poolId"),
                bad("pool id too long", POOL + "0", "{" + S + "}", "poolId"),
                bad("empty script_ids", POOL, "{\"script_ids\":[]}", "#/script_ids"),
                bad("script id not a uuid", POOL, "{\"script_ids\":[\"" + SCRIPT + "\",\"x\"]}", "#/script_ids/1"),
                bad("script id null", POOL, "{\"script_ids\":[null]}", "#/script_ids/0"),
                bad("duplicate script id", POOL, "{\"script_ids\":[\"" + SCRIPT + "\",\"" + SCRIPT + "\"]}", "#/script_ids/1"),
                bad("too many script ids", POOL, "{\"script_ids\":" + uuids(21) + "}", "#/script_ids"),
                bad("script and command", POOL, "{" + S + ",\"command_content\":\"ls\",\"command_type\":\"SHELL\"}",
                        "#/command_content"),
                bad("neither script nor command", POOL, "{\"post_finish\":\"stop\"}", "#"),
                bad("empty object", POOL, "{}", "#"),
                bad("blank command", POOL, "{\"command_content\":\"   \",\"command_type\":\"SHELL\"}", "#/command_content"),
                bad("command too long", POOL, "{\"command_content\":\"" + "x".repeat(16385) + "\",\"command_type\":\"BAT\"}",
                        "#/command_content"),
                bad("command without type", POOL, "{\"command_content\":\"ls\"}", "#/command_type"),
                bad("type without command", POOL, "{" + S + ",\"command_type\":\"SHELL\"}", "#/command_type"),
                bad("unknown command type", POOL, "{\"command_content\":\"ls\",\"command_type\":\"CMD\"}", "#/command_type"),
                bad("lowercase command type", POOL, "{\"command_content\":\"ls\",\"command_type\":\"shell\"}", "#/command_type"),
                bad("empty desktop_ids", POOL, "{" + S + ",\"desktop_ids\":[]}", "#/desktop_ids"),
                bad("desktop id not a uuid", POOL, "{" + S + ",\"desktop_ids\":[\"" + D1 + "\",\"" + D2 + "\",\"" + D3
                        + "\",\"../etc\"]}", "#/desktop_ids/3"),
                bad("duplicate desktop id", POOL, "{" + S + ",\"desktop_ids\":[\"" + D1 + "\",\"" + D2 + "\",\"" + D1 + "\"]}",
                        "#/desktop_ids/2"),
                bad("too many desktop ids", POOL, "{" + S + ",\"desktop_ids\":" + uuids(1001) + "}", "#/desktop_ids"),
                bad("gray desktop outside desktop_ids", POOL, "{" + S + ",\"desktop_ids\":[\"" + D1 + "\"],\"gray_desktop_ids\":[\""
                        + D2 + "\"]}", "#/gray_desktop_ids/0"),
                bad("gray desktop not a uuid", POOL, "{" + S + ",\"gray_desktop_ids\":[\"nope\"]}", "#/gray_desktop_ids/0"),
                bad("duplicate gray desktop", POOL, "{" + S + ",\"gray_desktop_ids\":[\"" + D1 + "\",\"" + D1 + "\"]}",
                        "#/gray_desktop_ids/1"),
                bad("empty gray_desktop_ids", POOL, "{" + S + ",\"gray_desktop_ids\":[]}", "#/gray_desktop_ids"),
                bad("gray_count zero", POOL, "{" + S + ",\"gray_count\":0}", "#/gray_count"),
                bad("gray_count negative", POOL, "{" + S + ",\"gray_count\":-3}", "#/gray_count"),
                bad("gray_count above desktops", POOL, "{" + S + ",\"desktop_ids\":[\"" + D1 + "\",\"" + D2 + "\"],\"gray_count\":3}",
                        "#/gray_count"),
                bad("gray_count overflowing int", POOL, "{" + S + ",\"gray_count\":99999999999}", "#/gray_count"),
                bad("fail threshold zero", POOL, "{" + S + ",\"gray_count\":1,\"gray_fail_threshold\":0}", "#/gray_fail_threshold"),
                bad("fail threshold without gray batch", POOL, "{" + S + ",\"gray_fail_threshold\":1}", "#/gray_fail_threshold"),
                bad("post_finish unknown", POOL, "{" + S + ",\"post_finish\":\"shutdown\"}", "#/post_finish"),
                bad("post_finish uppercase", POOL, "{" + S + ",\"post_finish\":\"REBOOT\"}", "#/post_finish"),
                bad("pre_start with shell metacharacters", POOL, "{" + S + ",\"pre_start\":\"a; rm -rf /\"}", "#/pre_start"),
                bad("execution_timeout zero", POOL, "{" + S + ",\"execution_timeout\":0}", "#/execution_timeout"),
                bad("execution_timeout too large", POOL, "{" + S + ",\"execution_timeout\":10081}", "#/execution_timeout"),
                bad("execution_timeout fractional", POOL, "{" + S + ",\"execution_timeout\":1.5}", "#/execution_timeout"),
                bad("execution_timeout as string", POOL, "{" + S + ",\"execution_timeout\":\"5\"}", "#/execution_timeout"),
                bad("gray_count as string", POOL, "{" + S + ",\"gray_count\":\"3\"}", "#/gray_count"),
                bad("script_ids as string", POOL, "{\"script_ids\":\"" + SCRIPT + "\"}", "#/script_ids"),
                bad("post_finish as number", POOL, "{" + S + ",\"post_finish\":1}", "#/post_finish"),
                bad("command_content as boolean", POOL, "{\"command_content\":true,\"command_type\":\"SHELL\"}", "#/command_content"),
                bad("unknown field project_id", POOL, "{" + S + ",\"project_id\":\"0bec5db98280d2d02fd6c00c2de791ce\"}", "#/project_id"),
                bad("unknown field team", POOL, "{" + S + ",\"team\":\"beta\"}", "#/team"),
                bad("duplicate field", POOL, "{" + S + "," + S + "}", "#/script_ids"),
                bad("malformed JSON", POOL, "{\"script_ids\":[", "#/script_ids/0"),
                bad("unquoted field name", POOL, "{script_ids:[]}", "#"),
                bad("trailing garbage", POOL, "{" + S + "} x", "#"),
                bad("array instead of object", POOL, "[]", "#"),
                bad("empty body", POOL, "", "#"),
                bad("every violation at once", "nope", "{\"script_ids\":[\"x\"],\"post_finish\":\"halt\",\"execution_timeout\":0,"
                        + "\"gray_fail_threshold\":2}", "poolId", "#/script_ids/0", "#/post_finish", "#/execution_timeout",
                        "#/gray_fail_threshold"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersEachRequestAsTheSchemaRequires(String name, String pool, String body, int status, Set<String> where) {
        MvcTestResult result = mvc.post().uri("/api/v1/pools/{pool}/script-executions", pool)
                .header("X-API-Key", "test-key-alpha")
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();

        assertThat(result).hasStatus(status);
        if (status == 202) {
            assertThat(TestUpstream.server().findAll(anyRequestedFor(anyUrl()))).hasSize(1);
            return;
        }
        assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = JsonMapper.shared().readTree(result.getResponse().getContentAsByteArray());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("type").asString()).startsWith("https://gateway.acme.com/problems/");
        Set<String> reported = problem.get("errors").valueStream()
                .map(e -> e.has("pointer") ? e.get("pointer").asString() : e.get("parameter").asString())
                .collect(Collectors.toSet());
        assertThat(reported).isEqualTo(where);
        problem.get("errors").valueStream().forEach(e -> assertThat(e.get("detail").asString()).isNotBlank());
        assertThat(TestUpstream.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    private static Arguments ok(String name, String body) {
        return Arguments.of(name, POOL, body, 202, Set.of());
    }

    private static Arguments bad(String name, String pool, String body, String... where) {
        return Arguments.of(name, pool, body, 400, Set.of(where));
    }

    private static String uuids(int n) {
        List<String> ids = IntStream.range(0, n)
                .mapToObj(i -> "\"%08x-0000-4000-8000-000000000000\"".formatted(i)).toList();
        return "[" + String.join(",", ids) + "]";
    }
}
