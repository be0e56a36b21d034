package com.acme.gateway.policy;

import io.github.bucket4j.ConsumptionProbe;

/** Where the teams' rate-limit buckets live. */
interface TeamBuckets {

    /**
     * Takes one permit from the team's bucket, configured with {@code limit}; a changed limit
     * replaces the stored one.
     */
    ConsumptionProbe tryConsume(String team, TeamPolicy.RateLimit limit);
}
