package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.workspace.UpstreamException.Failure;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the circuit breaker counts as a sick upstream, and what it does not count at all. */
class BreakerPolicyTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(Failure.NOT_SENT, null, true),
                Arguments.of(Failure.TIMED_OUT, null, true),
                Arguments.of(Failure.TIMED_OUT, 504, true),
                Arguments.of(Failure.CONNECTION_LOST, null, true),
                Arguments.of(Failure.UNKNOWN, 500, true),
                Arguments.of(Failure.THROTTLED, 503, true),
                Arguments.of(Failure.THROTTLED, 429, false),
                Arguments.of(Failure.REJECTED, 400, false),
                Arguments.of(Failure.CREDENTIALS_REFUSED, 401, false),
                Arguments.of(Failure.CREDENTIALS_REFUSED, 403, false),
                Arguments.of(Failure.NOT_FOUND, 404, false),
                Arguments.of(Failure.FAILED, 409, false));
    }

    @ParameterizedTest(name = "{0} {1} sick: {2}")
    @MethodSource("failures")
    void countsOnlyConnectFailuresTimeoutsAnd5xxAsSickness(Failure failure, @Nullable Integer status, boolean sick) {
        var e = new UpstreamException(failure, "test", status, null, null, null, null, null);

        assertThat(ResilienceConfiguration.upstreamIsSick(e)).isEqualTo(sick);
    }

    @Test
    void ignoresAFullBulkheadAndHuaweiRateLimiting() {
        var throttled = new UpstreamException(Failure.THROTTLED, "test", 429, "APIGW.0308", null, null, null, null);
        var iamDown = new UpstreamException(Failure.THROTTLED, "test", 503, "APIGW.0613", null, null, null, null);

        assertThat(ResilienceConfiguration.saysNothingAboutHealth(
                BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("test")))).isTrue();
        assertThat(ResilienceConfiguration.saysNothingAboutHealth(throttled)).isTrue();
        assertThat(ResilienceConfiguration.saysNothingAboutHealth(iamDown)).isFalse();
    }
}
