package com.acme.gateway.request;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Input limits. The body limit stays far below the 12 MB the Huawei API gateway accepts for an
 * AK/SK-signed body. {@code maxConcurrentRequests} bounds the requests in progress on the API port:
 * past it a request is refused at once, so an overload cannot exhaust the heap.
 * {@code maxManagementConnections} bounds the open connections on the management port (the API
 * port's are {@code server.tomcat.max-connections}).
 */
@Validated
@ConfigurationProperties("gateway.limits")
public record RequestLimits(
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("20") @Positive @Max(1000) int maxScriptIds,
        @DefaultValue("1000") @Positive @Max(10000) int maxDesktopIds,
        @DefaultValue("16384") @Positive @Max(1048576) int maxCommandLength,
        @DefaultValue("200") @Positive @Max(100000) int maxConcurrentRequests,
        @DefaultValue("50") @Positive @Max(10000) int maxManagementConnections) {

    public RequestLimits {
        if (maxBodySize.toBytes() <= 0 || maxBodySize.toMegabytes() >= 12) {
            throw new IllegalArgumentException(
                    "gateway.limits.max-body-size must be positive and below the upstream's 12MB, was " + maxBodySize);
        }
    }
}
