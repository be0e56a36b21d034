package com.acme.gateway.workspace;

import com.acme.gateway.workspace.UpstreamException.Failure;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The only place that talks HTTP to the Workspace API, through Apache HttpClient 5 (classic, blocking:
 * the I/O happens on the calling virtual thread). One call is one signed attempt: this class never
 * retries and neither does the client (no automatic retries, redirects or authentication rounds);
 * {@link WorkspaceClient} decides from {@link UpstreamException#failure()} whether a retry is safe.
 */
@Component
class WorkspaceHttp {

    private static final String TASKS_PATH = "/v2/{project_id}/desktop-pools/script-execution-tasks/detail";
    private static final String STOP_PATH = "/v2/{project_id}/script-executions/stop";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Failures that happen before a single byte of the request is written: no free pooled connection
     * in time, the connection refused ({@code HttpHostConnectException}), the name or route unknown,
     * the TLS handshake failed.
     */
    private static final List<Class<? extends Throwable>> NOT_SENT_CAUSES = List.of(
            ConnectionRequestTimeoutException.class, ConnectException.class, UnknownHostException.class,
            NoRouteToHostException.class, SSLHandshakeException.class);
    /** The pool never throttles: the bulkhead and the credential guard bound the calls in flight. */
    private static final int MAX_CONNECTIONS = 200;
    private static final String USER_AGENT = "workspace-script-gateway";

    private final RestClient rest;
    private final String projectId;
    /** The execute URI up to the pool id: built once, not expanded from a template per request. */
    private final String executeUriPrefix;

    WorkspaceHttp(RestClient.Builder builder, WorkspaceProperties properties, CredentialStore credentials, Clock clock) {
        // connect timeout and socket (read) timeout land in the pool's ConnectionConfig
        var settings = HttpClientSettings.defaults()
                .withRedirects(HttpRedirects.DONT_FOLLOW)
                .withTimeouts(properties.timeouts().connect(), properties.timeouts().read());
        var requestFactory = ClientHttpRequestFactoryBuilder.httpComponents()
                // the headers sent are the ones signed: no gzip negotiation, cookies or system-property user agent
                .withHttpClientCustomizer(http -> http.disableAutomaticRetries()
                        .disableContentCompression()
                        .disableCookieManagement()
                        .disableAuthCaching()
                        .setUserAgent(USER_AGENT))
                .withConnectionManagerCustomizer(pool -> pool.setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setMaxConnTotal(MAX_CONNECTIONS))
                // a pooled connection idle over a second is checked before reuse (a connection the upstream
                // closed must not lose the next request); none lives over five minutes
                .withConnectionConfigCustomizer(connection -> connection
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .setTimeToLive(TimeValue.ofMinutes(5)))
                // waiting for a pooled connection is bounded like connecting; an idle connection is not
                // reused after 30 s unless the upstream's Keep-Alive allows longer; no authentication rounds
                .withDefaultRequestConfigCustomizer(request -> request
                        .setConnectionRequestTimeout(Timeout.of(properties.timeouts().connect()))
                        .setConnectionKeepAlive(TimeValue.ofSeconds(30))
                        .setAuthenticationEnabled(false))
                .build(settings);
        this.rest = builder.clone()
                .baseUrl(properties.endpointUri().toString())
                .requestFactory(requestFactory)
                .requestInterceptor(new SigningInterceptor(properties.projectId(), credentials::current, clock))
                .build();
        this.projectId = properties.projectId();
        this.executeUriPrefix = properties.endpointUri() + "/v2/" + UriUtils.encode(projectId, StandardCharsets.UTF_8)
                + "/desktop-pools/";
    }

    /** Sends one execute request with exactly these body bytes (the canonical JSON). */
    StartedTask execute(String poolId, byte[] body) {
        try {
            return rest.post()
                    .uri(URI.create(executeUriPrefix + UriUtils.encode(poolId, StandardCharsets.UTF_8)
                            + "/script-executions"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange((request, response) -> UpstreamResponses.task(
                            response.getStatusCode(), response.getHeaders(), response.getBody()), true);
        } catch (ResourceAccessException e) {
            throw classify(e);
        }
    }

    /** Asks the upstream to stop a task (or one desktop's record of it); answers the upstream's request id. */
    @Nullable String stop(String taskId, @Nullable String recordId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("task_id", taskId);
        if (recordId != null) {
            fields.put("record_id", recordId);
        }
        try {
            return rest.post()
                    .uri(STOP_PATH, projectId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(JSON.writeValueAsBytes(fields))
                    .exchange((request, response) -> UpstreamResponses.acknowledged(
                            response.getStatusCode(), response.getHeaders(), response.getBody()), true);
        } catch (ResourceAccessException e) {
            throw classify(e);
        }
    }

    /** Reads the task list: one attempt, a GET is harmless to repeat, so callers may simply ask again. */
    List<UpstreamTask> findTasks(TaskQuery query) {
        try {
            return rest.get()
                    .uri(uri -> {
                        uri.path(TASKS_PATH).queryParam("desktop_pool_id", query.poolId())
                                .queryParam("limit", query.limit()).queryParam("offset", 0);
                        if (query.taskId() != null) {
                            uri.queryParam("task_id", query.taskId());
                        }
                        if (query.scriptId() != null) {
                            uri.queryParam("script_id", query.scriptId());
                        }
                        if (query.from() != null) {
                            uri.queryParam("execute_time_start", wholeSeconds(query.from(), false));
                        }
                        if (query.to() != null) {
                            uri.queryParam("execute_time_end", wholeSeconds(query.to(), true));
                        }
                        return uri.build(projectId);
                    })
                    .exchange((request, response) -> TaskListResponses.tasks(
                            response.getStatusCode(), response.getHeaders(), response.getBody()), true);
        } catch (ResourceAccessException e) {
            throw classify(e);
        }
    }

    /**
     * The documented form {@code 2021-10-01T12:00:00Z}: UTC, whole seconds. The window only widens:
     * its start is rounded down, its end up.
     */
    static String wholeSeconds(Instant instant, boolean roundUp) {
        Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
        if (roundUp && seconds.isBefore(instant)) {
            seconds = seconds.plusSeconds(1);
        }
        return DateTimeFormatter.ISO_INSTANT.format(seconds);
    }

    static UpstreamException classify(ResourceAccessException e) {
        // before SocketTimeoutException: HC5's ConnectTimeoutException is one
        if (causedBy(e, ConnectTimeoutException.class)) {
            return UpstreamException.io(Failure.NOT_SENT, "connect timeout", e);
        }
        for (var notSent : NOT_SENT_CAUSES) {
            if (causedBy(e, notSent)) {
                return UpstreamException.io(Failure.NOT_SENT, "could not connect: " + notSent.getSimpleName(), e);
            }
        }
        if (causedBy(e, SocketTimeoutException.class)) {
            return UpstreamException.io(Failure.TIMED_OUT, "no answer within the read timeout", e);
        }
        // reset, EOF, NoHttpResponseException or ConnectionClosedException after the request may have been written
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return UpstreamException.io(Failure.CONNECTION_LOST,
                "connection lost after sending: " + cause.getClass().getSimpleName(), e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
