package com.acme.gateway.database;

import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Where the PostgreSQL for tests comes from: {@value #URL_VARIABLE} when set (an explicit choice
 * wins), else a Testcontainers container when Docker is available. With neither, PostgreSQL tests
 * are skipped, except in CI ({@code CI=true}) where they fail.
 */
public final class PostgresAvailability implements ExecutionCondition {

    public static final String URL_VARIABLE = "GATEWAY_TEST_POSTGRES_URL";

    static final String NONE_MESSAGE = "No PostgreSQL for tests: set " + URL_VARIABLE
            + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres) or make Docker available for Testcontainers";

    enum Source {
        URL, DOCKER, NONE
    }

    static Source source() {
        return Detected.SOURCE;
    }

    static @Nullable String url() {
        return System.getenv(URL_VARIABLE);
    }

    static Source decide(@Nullable String url, BooleanSupplier dockerAvailable) {
        if (url != null && !url.isBlank()) {
            return Source.URL;
        }
        return dockerAvailable.getAsBoolean() ? Source.DOCKER : Source.NONE;
    }

    static ConditionEvaluationResult evaluate(Source source, boolean ci) {
        return switch (source) {
            case URL -> ConditionEvaluationResult.enabled("PostgreSQL from " + URL_VARIABLE);
            case DOCKER -> ConditionEvaluationResult.enabled("PostgreSQL from Testcontainers");
            case NONE -> {
                if (ci) {
                    throw new ExtensionConfigurationException(NONE_MESSAGE + " (CI=true: failing instead of skipping)");
                }
                yield ConditionEvaluationResult.disabled(NONE_MESSAGE + "; PostgreSQL variant skipped");
            }
        };
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return evaluate(source(), "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /** Looked up once per JVM: asking Docker is slow. */
    private static final class Detected {
        static final Source SOURCE = decide(url(), () -> DockerClientFactory.instance().isDockerAvailable());
    }
}
