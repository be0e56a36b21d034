package com.acme.gateway.api;

import com.acme.gateway.execution.ExecutionMetrics;
import com.acme.gateway.execution.ExecutionService;
import com.acme.gateway.lifecycle.Outcome;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts and logs script-execution requests that security turned away with 401. They get no audit
 * row: nothing is known about the caller, and anonymous traffic must not be able to fill the store.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class UnauthenticatedRequests extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(UnauthenticatedRequests.class);

    private final ExecutionService executions;

    UnauthenticatedRequests(ExecutionService executions) {
        this.executions = executions;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().endsWith("/script-executions");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            log.info("Unauthenticated script-execution request from {}", request.getRemoteAddr());
            executions.turnedAway(ExecutionMetrics.NO_TEAM, Outcome.UNAUTHENTICATED, started);
        }
    }
}
