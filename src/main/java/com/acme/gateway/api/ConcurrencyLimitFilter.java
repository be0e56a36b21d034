package com.acme.gateway.api;

import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemResponses;
import com.acme.gateway.problem.ProblemType;
import com.acme.gateway.request.RequestLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sheds load: at most {@code gateway.limits.max-concurrent-requests} requests are in progress on the
 * API port; one more is answered 503 {@code gateway-busy} with {@code Retry-After} at once, before
 * authentication, with nothing done. Tomcat on virtual threads accepts every connection, so without
 * this bound an overload queues requests until the heap is full and no request is answered at all.
 * Runs after the request id and the {@code http.server.requests} observation, so a shed request has
 * both; the management port (health probes) is not limited.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ConcurrencyLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ConcurrencyLimitFilter.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final String RETRY_AFTER_SECONDS = "1";

    private final int limit;
    private final Semaphore inProgress;
    private final Counter shed;
    private final AtomicLong shedSinceWarning = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    ConcurrencyLimitFilter(RequestLimits limits, MeterRegistry meters) {
        this.limit = limits.maxConcurrentRequests();
        this.inProgress = new Semaphore(limit);
        this.shed = Counter.builder("gateway.requests.shed")
                .description("Requests answered 503 gateway-busy because max-concurrent-requests were in progress")
                .register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!inProgress.tryAcquire()) {
            refuse(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            inProgress.release();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        shed.increment();
        long count = shedSinceWarning.incrementAndGet();
        long last = lastWarning.get();
        long now = System.nanoTime();
        // one line per interval, not one per request: an overload must not also flood the log
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            shedSinceWarning.addAndGet(-count);
            log.atWarn().addKeyValue("shed_requests", count).log("{} request(s) refused with 503 gateway-busy: {} "
                    + "requests were in progress (gateway.limits.max-concurrent-requests)", count, limit);
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        ProblemResponses.write(response, Problem.of(ProblemType.GATEWAY_BUSY, limit + " requests are in progress on "
                + "this replica, its limit; nothing was done. Retry after a second.")
                .at(request.getRequestURI()));
    }
}
