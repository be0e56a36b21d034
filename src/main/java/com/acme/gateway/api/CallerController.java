package com.acme.gateway.api;

import com.acme.gateway.problem.ProblemType;
import com.acme.gateway.policy.Freeze;
import com.acme.gateway.policy.TeamDirectory;
import com.acme.gateway.policy.TeamPolicy;
import com.acme.gateway.security.TeamPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /me}: the policy is read per request, so a reloaded policy shows at once. */
@RestController
class CallerController {

    private final TeamDirectory teams;
    private final Clock clock;

    CallerController(TeamDirectory teams, Clock clock) {
        this.teams = teams;
        this.clock = clock;
    }

    @Operation(summary = "Who you are: team, credential, roles and the policy that applies to your team")
    @GetMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
    CallerProfile me(@AuthenticationPrincipal TeamPrincipal principal) {
        return teams.findByName(principal.team())
                .map(team -> CallerProfile.of(principal, team, activeFreeze(team), teams.windowsOf(team.name())))
                .orElseThrow(() -> new ProblemException(ProblemType.POLICY_DENIED, "Your team is no longer in the policy."));
    }

    private @Nullable Freeze activeFreeze(TeamPolicy team) {
        Freeze freeze = teams.freeze();
        return freeze != null && freeze.concerns(team, clock.instant()) ? freeze : null;
    }
}
