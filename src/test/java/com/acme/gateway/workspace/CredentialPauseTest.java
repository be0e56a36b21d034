package com.acme.gateway.workspace;

import static com.acme.gateway.workspace.UpstreamCalls.PROBLEMS;
import static com.acme.gateway.workspace.UpstreamCalls.accepted;
import static com.acme.gateway.workspace.UpstreamCalls.error;
import static com.acme.gateway.workspace.UpstreamCalls.submit;
import static com.acme.gateway.workspace.UpstreamCalls.upstreamRequests;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.MutableClock;
import com.acme.gateway.TestUpstream;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Repeated 401s stop all upstream traffic for a while, before Huawei locks the AK/SK for everyone. */
@GatewayWithTightResilience
@ExtendWith(OutputCaptureExtension.class)
class CredentialPauseTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void reset() {
        TestUpstream.server().resetAll();
        clock.advance(Duration.ofHours(1));
    }

    @Test
    void neverRetriesA401AndStopsSendingAfterTheThreshold(CapturedOutput output) {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(error(401, "APIGW.0301")));
        double lockoutsBefore = lockouts();

        for (int i = 1; i <= 3; i++) {
            assertThat(submit(mvc)).hasStatus(502).hasHeader("X-Upstream-Attempts", "1");
            assertThat(upstreamRequests()).isEqualTo(i);
        }
        MvcTestResult paused = submit(mvc);

        assertThat(paused).hasStatus(503).hasHeader("Retry-After", "360").hasHeader("X-Upstream-Attempts", "0");
        assertThat(paused).bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "upstream-credentials-locked");
        assertThat(upstreamRequests()).isEqualTo(3);
        assertThat(lockouts()).isEqualTo(lockoutsBefore + 1);
        assertThat(meters.get("gateway.upstream.credential.paused").gauge().value()).isEqualTo(1);
        assertThat(output).contains("refused the gateway's credentials 3 times in a row")
                .doesNotContain("ExampleSecretKey0123456789abcdefABCDEF0123", "HPUAEXAMPLEACCESSKEY1");
    }

    @Test
    void sendsNothingUntilThePauseEndsThenProbesOnce() {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(error(401, "APIGW.0301")));
        for (int i = 0; i < 3; i++) {
            submit(mvc);
        }

        clock.advance(Duration.ofMinutes(5).plusSeconds(59));
        assertThat(submit(mvc)).hasStatus(503).hasHeader("Retry-After", "1");
        assertThat(upstreamRequests()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(1));
        assertThat(submit(mvc)).as("the probe after the pause").hasStatus(502);
        assertThat(submit(mvc)).as("a refused probe pauses again at once").hasStatus(503);
        assertThat(upstreamRequests()).isEqualTo(4);
    }

    @Test
    void aRotatedKeyThatWorksAgainResumesTraffic() {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(error(401, "APIGW.0301")));
        for (int i = 0; i < 3; i++) {
            submit(mvc);
        }
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(accepted()));
        clock.advance(Duration.ofMinutes(6));

        assertThat(submit(mvc)).hasStatus(202);
        assertThat(meters.get("gateway.upstream.credential.paused").gauge().value()).isZero();
    }

    private double lockouts() {
        return meters.get("gateway.upstream.credential.lockouts").counter().count();
    }
}
