package com.acme.gateway.workspace;

import com.acme.gateway.request.Ids;
import com.acme.gateway.workspace.UpstreamException.Failure;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs scripts on a pool through the Workspace API, resending only when the request provably was
 * not processed. Every attempt is {@code Retry(CircuitBreaker(Bulkhead(one signed request)))}
 * behind the shared credential guard, so the breaker counts each attempt and an open circuit, a
 * full bulkhead or a credentials pause ends the call at once with nothing sent.
 */
@Component
public class WorkspaceClient {

    /** The name of the Resilience4j retry, circuit breaker and bulkhead instances. */
    static final String INSTANCE = "workspace";
    private static final Logger log = LoggerFactory.getLogger(WorkspaceClient.class);
    private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);
    private static final Set<Failure> SHORT_CIRCUITS = EnumSet.of(Failure.CIRCUIT_OPEN, Failure.BULKHEAD_FULL,
            Failure.CREDENTIALS_LOCKED);

    private final WorkspaceHttp http;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;
    private final RetryPlanner planner;
    private final CredentialGuard guard;
    private final MeterRegistry meters;
    private final DistributionSummary attemptsPerCall;
    private final OpenCircuitTimer openCircuit;

    WorkspaceClient(WorkspaceHttp http, RetryRegistry retries, CircuitBreakerRegistry breakers,
            BulkheadRegistry bulkheads, RetryPlanner planner, CredentialGuard guard, MeterRegistry meters,
            Clock clock) {
        this.http = http;
        this.retry = retries.retry(INSTANCE);
        this.circuitBreaker = breakers.circuitBreaker(INSTANCE);
        this.bulkhead = bulkheads.bulkhead(INSTANCE);
        this.planner = planner;
        this.guard = guard;
        this.meters = meters;
        this.attemptsPerCall = DistributionSummary.builder("gateway.upstream.attempts")
                .description("Upstream attempts per caller request, retries included").register(meters);
        this.openCircuit = new OpenCircuitTimer(circuitBreaker, clock);
    }

    /**
     * Sends the execute request with exactly these body bytes (the canonical JSON), retrying only
     * what is safe. Throws {@link UpstreamException} carrying the number of attempts made.
     */
    public StartedTask execute(String poolId, byte[] body) {
        if (!Ids.isUuid(poolId)) {
            throw new IllegalArgumentException("pool id is not a UUID");
        }
        var call = new Call(planner.start());
        try {
            StartedTask task = retry.executeSupplier(() -> attempt(call, poolId, body)).afterAttempts(call.attempts);
            attemptsPerCall.record(call.attempts);
            // the request's own event (event=script_execution) carries both at INFO
            log.atDebug().addKeyValue("upstream_attempts", call.attempts).addKeyValue("task_id", task.taskId())
                    .log("Workspace API accepted the request after {} attempt(s)", call.attempts);
            return task;
        } catch (RetryPlanned e) {
            throw failed(e.failure(), call);
        } catch (CallNotPermittedException e) {
            throw failed(UpstreamException.shortCircuited(Failure.CIRCUIT_OPEN, "circuit breaker open",
                    openCircuit.remaining()), call);
        } catch (BulkheadFullException e) {
            throw failed(UpstreamException.shortCircuited(Failure.BULKHEAD_FULL, "too many concurrent upstream calls",
                    BUSY_RETRY_AFTER), call);
        } catch (UpstreamException e) {
            throw failed(e, call);
        }
    }

    /**
     * Stops a task (or one desktop's record of it). Stopping is idempotent, but it is retried only
     * when the request provably was not processed, like an execution: a timed-out stop is reported,
     * and the caller may simply repeat it. Goes through the credential guard, not the breaker or
     * bulkhead, so a stop still gets through while executions are being shed.
     */
    public StopAcknowledged stop(String taskId, @Nullable String recordId) {
        var call = new Call(planner.start());
        try {
            String upstreamRequestId = retry.executeSupplier(() -> stopAttempt(call, taskId, recordId));
            attemptsPerCall.record(call.attempts);
            return new StopAcknowledged(upstreamRequestId, call.attempts);
        } catch (RetryPlanned e) {
            throw failed(e.failure(), call);
        } catch (UpstreamException e) {
            throw failed(e, call);
        }
    }

    private @Nullable String stopAttempt(Call call, String taskId, @Nullable String recordId) {
        try {
            return behindGuard(() -> {
                call.attempts++;
                return http.stop(taskId, recordId);
            });
        } catch (UpstreamException e) {
            throw planner.afterFailure(call.started, call.attempts, e);
        }
    }

    /**
     * Reads the upstream task list once, behind the same credential guard, circuit breaker and
     * bulkhead as executions (callers poll: a sick upstream must not be hammered by reads), never
     * retried here: a caller asks again. Status reads go through {@link TaskStatusCache}.
     */
    public List<UpstreamTask> findTasks(TaskQuery query) {
        try {
            return behindGuard(() -> circuitBreaker.executeSupplier(
                    () -> bulkhead.executeSupplier(() -> http.findTasks(query))));
        } catch (CallNotPermittedException e) {
            throw UpstreamException.shortCircuited(Failure.CIRCUIT_OPEN, "circuit breaker open", openCircuit.remaining());
        } catch (BulkheadFullException e) {
            throw UpstreamException.shortCircuited(Failure.BULKHEAD_FULL, "too many concurrent upstream calls",
                    BUSY_RETRY_AFTER);
        }
    }

    private StartedTask attempt(Call call, String poolId, byte[] body) {
        try {
            return behindGuard(() -> circuitBreaker.executeSupplier(
                    () -> bulkhead.executeSupplier(() -> send(call, poolId, body))));
        } catch (UpstreamException e) {
            throw planner.afterFailure(call.started, call.attempts, e);
        }
    }

    /**
     * One upstream request admitted by the credential guard, which learns how it ended: an answer
     * (success or upstream failure) or nothing sent at all (breaker, bulkhead), which frees its permit.
     */
    private <T> T behindGuard(Supplier<T> request) {
        CredentialGuard.Permit permit = guard.admit();
        try {
            T answer = request.get();
            guard.record(permit, null);
            return answer;
        } catch (UpstreamException e) {
            guard.record(permit, e);
            throw e;
        } catch (RuntimeException e) {
            guard.release(permit);
            throw e;
        }
    }

    private StartedTask send(Call call, String poolId, byte[] body) {
        call.attempts++;
        return http.execute(poolId, body);
    }

    private UpstreamException failed(UpstreamException e, Call call) {
        attemptsPerCall.record(call.attempts);
        if (SHORT_CIRCUITS.contains(e.failure())) {
            meters.counter("gateway.upstream.short.circuits", "reason", e.failure().name().toLowerCase(Locale.ROOT))
                    .increment();
        }
        log.atWarn().addKeyValue("upstream_attempts", call.attempts).addKeyValue("upstream_failure", e.failure())
                .addKeyValue("upstream_status", e.status()).addKeyValue("upstream_error_code", e.errorCode())
                .log("Upstream call failed after {} attempt(s): {} (status {}, error_code {})", call.attempts,
                        e.failure(), e.status(), e.errorCode());
        return e.afterAttempts(call.attempts);
    }

    /** One caller request: when it started (for the deadline) and how many attempts reached the wire. */
    private static final class Call {
        private final Instant started;
        private int attempts;

        private Call(Instant started) {
            this.started = started;
        }
    }
}
