package com.acme.gateway.database;

import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Where the PostgreSQL for tests comes from: a Testcontainers container when Docker answers (a clean
 * database of a known version), else the database named by {@value #URL_VARIABLE}. With neither,
 * PostgreSQL tests are skipped, except in CI ({@code CI=true}) where they fail. The choice is
 * printed once per test JVM.
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
        if (dockerAvailable.getAsBoolean()) {
            return Source.DOCKER;
        }
        return url != null && !url.isBlank() ? Source.URL : Source.NONE;
    }

    static String describe(Source source) {
        return switch (source) {
            case DOCKER -> "PostgreSQL for tests: Testcontainers (" + PostgresTestDatabase.IMAGE + ")";
            case URL -> "PostgreSQL for tests: " + URL_VARIABLE + " (Docker did not answer)";
            case NONE -> NONE_MESSAGE;
        };
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
        static final Source SOURCE = detect();

        private static Source detect() {
            Source source = decide(url(), () -> DockerClientFactory.instance().isDockerAvailable());
            System.out.println(describe(source));
            return source;
        }
    }
}
