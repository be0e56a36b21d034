package com.acme.gateway.execution;

import com.acme.gateway.policy.Decision;
import com.acme.gateway.policy.Reason;
import com.acme.gateway.request.ScriptExecutionRequest;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The answer to {@code dry_run=true}: the decision, and what would have been sent upstream. */
public record DryRunReport(
        @JsonProperty("dry_run") boolean dryRun,
        String decision,
        String team,
        @JsonProperty("pool_id") String poolId,
        List<Map<String, String>> reasons,
        @JsonProperty("upstream_request") UpstreamRequest upstreamRequest) {

    public record UpstreamRequest(String method, String path, ScriptExecutionRequest body) {
    }

    static DryRunReport of(String team, Submission submission, Decision decision) {
        return new DryRunReport(true, decision.allowed() ? "allowed" : "denied", team, submission.poolId(),
                reasons(decision.reasons()), new UpstreamRequest("POST",
                        "/v2/{project_id}/desktop-pools/" + submission.poolId() + "/script-executions",
                        submission.request()));
    }

    static List<Map<String, String>> reasons(List<Reason> reasons) {
        return reasons.stream().map(r -> Map.of("rule", r.rule(), "detail", r.detail())).toList();
    }
}
