package com.acme.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.acme.gateway.problem.ProblemType;
import com.acme.gateway.policy.ApiKeyOwner;
import com.acme.gateway.policy.TeamDirectory;
import com.acme.gateway.policy.TeamPolicy;
import com.acme.gateway.security.TeamPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code /me} reads the team's policy on every request, so a reloaded or removed team shows at once. */
class CallerControllerTest {

    private final AtomicReference<Optional<TeamPolicy>> current = new AtomicReference<>();
    private final CallerController controller = new CallerController(new TeamDirectory() {
        @Override
        public Optional<ApiKeyOwner> findByApiKey(String presentedKey) {
            return Optional.empty();
        }

        @Override
        public Optional<TeamPolicy> findByJwtClient(String clientId) {
            return Optional.empty();
        }

        @Override
        public Optional<TeamPolicy> findByName(String team) {
            return current.get();
        }
    }, Clock.systemUTC());
    private final TeamPrincipal principal = new TeamPrincipal("payments", "jwt:svc-payments", Set.of(), TeamPrincipal.Method.JWT);

    @Test
    void showsThePolicyInForceAtEachRequest() {
        current.set(Optional.of(payments(5)));
        CallerProfile before = controller.me(principal);
        current.set(Optional.of(payments(50)));
        CallerProfile after = controller.me(principal);

        assertThat(before.policy().maxDesktops()).isEqualTo(5);
        assertThat(after.policy().maxDesktops()).isEqualTo(50);
        assertThat(after.authMethod()).isEqualTo("jwt");
        assertThat(after.policy().rateLimit()).isEqualTo(new CallerProfile.RateLimit(60, "PT1M"));
    }

    @Test
    void deniesATeamThatLeftThePolicy() {
        current.set(Optional.empty());

        assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> controller.me(principal))
                .satisfies(e -> assertThat(e.type()).isEqualTo(ProblemType.POLICY_DENIED));
    }

    private static TeamPolicy payments(int maxDesktops) {
        return new TeamPolicy("payments", List.of(new TeamPolicy.ApiKey("payments-ci", "ab".repeat(32))),
                Set.of("svc-payments"), Set.of(), Set.of(), Set.of(), new TeamPolicy.Commands(false, Set.of(), 0), Set.of(),
                false, maxDesktops, 1, TeamPolicy.DEFAULT_CANARY_MAX_PERCENT, 30,
                new TeamPolicy.RateLimit(60, Duration.ofMinutes(1)), false);
    }
}
