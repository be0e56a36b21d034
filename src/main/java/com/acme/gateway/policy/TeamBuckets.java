package com.acme.gateway.policy;

import io.github.bucket4j.Bucket;

/** Where the teams' rate-limit buckets live. */
interface TeamBuckets {

    /** The team's bucket, configured with {@code limit}; a changed limit replaces the stored one. */
    Bucket forTeam(String team, TeamPolicy.RateLimit limit);
}
