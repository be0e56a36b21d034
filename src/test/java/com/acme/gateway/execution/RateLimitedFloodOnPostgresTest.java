package com.acme.gateway.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.database.OnPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@OnPostgres
@ExtendWith(OutputCaptureExtension.class)
class RateLimitedFloodOnPostgresTest extends RateLimitedFloodContract {

    /** On PostgreSQL the buckets are in the database, so the rate-limit step itself refuses. */
    @Test
    void theRateLimitStepRefusesWhileTheStoreIsDown(CapturedOutput output) {
        outage.start();

        assertThat(submit("test-key-alpha")).hasStatus(503).containsHeader("Retry-After").bodyJson()
                .extractingPath("$.detail").asString().contains("rate limits");

        assertThat(output).contains("Rate limit of team alpha cannot be checked; request refused");
    }
}
