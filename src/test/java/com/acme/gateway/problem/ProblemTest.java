package com.acme.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one JSON form of a problem: stored answers are replayed as these bytes, so their order is fixed. */
class ProblemTest {

    @Test
    void writesTheStandardMembersFirstThenTheExtensionsInOrderWithoutAbsentValues() {
        Problem problem = Problem.of(ProblemType.OUTCOME_UNKNOWN, "Sent, then no answer.")
                .at("/api/v1/pools/p/script-executions")
                .with("outcome", "UNKNOWN")
                .with("upstream_status", null)
                .with("request_id", "r-1");

        assertThat(problem.json()).isEqualTo("{\"type\":\"https://gateway.acme.com/problems/outcome-unknown\","
                + "\"title\":\"Outcome unknown: the scripts may be running\",\"status\":502,"
                + "\"detail\":\"Sent, then no answer.\",\"instance\":\"/api/v1/pools/p/script-executions\","
                + "\"outcome\":\"UNKNOWN\",\"request_id\":\"r-1\"}");
    }

    @Test
    void listsEveryViolationAndSumsThemUpInTheDetail() {
        Problem one = Problem.invalid(ProblemType.VALIDATION, List.of(FieldError.parameter("taskId", "is not a task id")));
        Problem two = Problem.invalid(ProblemType.VALIDATION, List.of(FieldError.body("#/a", "bad"),
                FieldError.body("#/b", "worse")));

        assertThat(one.detail()).isEqualTo("is not a task id");
        assertThat(two.detail()).isEqualTo("2 problems with the request; see errors");
        assertThat(two.json()).endsWith("\"errors\":[{\"pointer\":\"#/a\",\"detail\":\"bad\"},"
                + "{\"pointer\":\"#/b\",\"detail\":\"worse\"}]}");
    }

    @Test
    void leavesOutAnInstanceThatIsNoUri() {
        assertThat(Problem.of(ProblemType.NOT_FOUND, "none").at("/a b").json()).doesNotContain("instance");
        assertThat(Problem.plain(418, "I'm a teapot", "refused").json())
                .startsWith("{\"type\":\"about:blank\",\"title\":\"I'm a teapot\",\"status\":418");
    }
}
