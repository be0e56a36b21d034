package com.acme.gateway.workspace;

import static com.acme.gateway.workspace.WorkspaceClient.INSTANCE;

import com.acme.gateway.workspace.UpstreamException.Failure;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The parts of the {@code workspace} Resilience4j instances that are code, not numbers: what the
 * retry retries and how long it waits, what the circuit breaker counts, and its clock. The numbers
 * are in {@code application.yml} under {@code resilience4j.*.instances.workspace}.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ResilienceConfiguration.class);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);

    @Bean
    RetryConfigCustomizer workspaceRetryCustomizer() {
        return RetryConfigCustomizer.of(INSTANCE, retry -> retry
                .retryOnException(RetryPlanned.class::isInstance)
                .intervalBiFunction(RetryPlanned.PLANNED_DELAY));
    }

    @Bean
    CircuitBreakerConfigCustomizer workspaceCircuitBreakerCustomizer(Clock clock) {
        return CircuitBreakerConfigCustomizer.of(INSTANCE, breaker -> breaker
                .clock(clock)
                .recordException(ResilienceConfiguration::upstreamIsSick)
                .ignoreException(ResilienceConfiguration::saysNothingAboutHealth));
    }

    /**
     * The guard shared through the database, one row per access key. A request's lease lapses
     * after a whole attempt (connect and read timeouts) and a margin, so a replica that dies
     * mid-request holds nobody back for long. The leases are rows shared by all replicas on
     * PostgreSQL, and kept in memory on the embedded H2, which serves one replica.
     */
    @Bean
    CredentialGuard credentialGuard(JdbcClient jdbc, ObjectProvider<JdbcConnectionDetails> database,
            CredentialStore credentials, WorkspaceProperties workspace, ResilienceProperties properties, Clock clock,
            MeterRegistry meters) {
        Duration lease = workspace.timeouts().connect().plus(workspace.timeouts().read()).plus(LEASE_MARGIN);
        JdbcConnectionDetails details = database.getIfAvailable();
        boolean shared = details != null && DatabaseDriver.fromJdbcUrl(details.getJdbcUrl()) == DatabaseDriver.POSTGRESQL;
        log.info(shared ? "Upstream leases are kept in PostgreSQL (upstream_send_leases), shared by all replicas"
                : "Upstream leases are kept in memory: the embedded database serves this replica only");
        return new CredentialGuard(new CredentialGuardTable(jdbc, shared),
                () -> credentials.current().credentialId(), properties.credentialLockout(), lease, clock, meters);
    }

    @Bean
    UpstreamCallLimit upstreamCallLimit(WorkspaceProperties workspace, ResilienceProperties properties,
            RetryRegistry retries) {
        return UpstreamCallLimit.of(retries.retry(INSTANCE).getRetryConfig().getMaxAttempts(),
                properties.credentialLockout().inFlightWait(), workspace.timeouts().connect(), workspace.timeouts().read(), properties.deadline());
    }

    @Bean
    RetryPlanner retryPlanner(ResilienceProperties properties, RetryRegistry retries, Clock clock, MeterRegistry meters) {
        int maxAttempts = retries.retry(INSTANCE).getRetryConfig().getMaxAttempts();
        return new RetryPlanner(new Backoff(properties.backoff(), new Random()),
                new RetryBudget(properties.retryBudget(), clock), properties.deadline(), maxAttempts, clock, meters);
    }

    /**
     * Failures to connect, lost connections, timeouts, 5xx and garbage open the circuit; answers
     * about the request or our credentials (4xx) count as a working upstream.
     */
    static boolean upstreamIsSick(Throwable e) {
        if (!(e instanceof UpstreamException upstream)) {
            return true;
        }
        return switch (upstream.failure()) {
            case NOT_SENT, TIMED_OUT, CONNECTION_LOST, UNKNOWN -> true;
            case THROTTLED -> upstream.status() != null && upstream.status() >= 500;
            default -> false;
        };
    }

    /** A full bulkhead sent nothing, and a 429 is Huawei's per-API rate limit, not sickness. */
    static boolean saysNothingAboutHealth(Throwable e) {
        return e instanceof BulkheadFullException
                || e instanceof UpstreamException upstream && upstream.failure() == Failure.THROTTLED
                        && upstream.status() != null && upstream.status() == 429;
    }
}
