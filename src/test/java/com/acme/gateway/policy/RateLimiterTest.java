package com.acme.gateway.policy;

import com.acme.gateway.MutableClock;

/** The in-memory buckets of the embedded H2 default (one replica). */
class RateLimiterTest extends RateLimiterContract {

    @Override
    RateLimiter newLimiter(MutableClock clock) {
        return new RateLimiter(new LocalTeamBuckets(new ClockTimeMeter(clock)));
    }
}
