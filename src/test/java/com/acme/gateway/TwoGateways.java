package com.acme.gateway;

import com.acme.gateway.database.PostgresTestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two whole gateways on their own random ports sharing one PostgreSQL, as two replicas behind a
 * load balancer, with {@link TestUpstream} as their Workspace API. The first gets an empty schema
 * of its own ({@link PostgresTestDatabase}), the second joins it. Use with
 * {@code @ExtendWith(PostgresAvailability.class)}.
 */
public final class TwoGateways implements AutoCloseable {

    private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

    private TwoGateways() {
    }

    /** Starts both with the test profile, the given extra configuration classes and {@code --name=value} arguments. */
    public static TwoGateways start(List<Class<?>> configuration, List<String> arguments) {
        TwoGateways gateways = new TwoGateways();
        try {
            Class<?>[] firstSources = Stream.concat(Stream.of(GatewayApplication.class, PostgresTestDatabase.class),
                    configuration.stream()).toArray(Class<?>[]::new);
            ConfigurableApplicationContext first = gateways.run(firstSources, arguments);
            JdbcConnectionDetails database = first.getBean(JdbcConnectionDetails.class);
            List<String> join = new ArrayList<>(arguments);
            join.add("--spring.datasource.url=" + database.getJdbcUrl());
            if (database.getUsername() != null) {
                join.add("--spring.datasource.username=" + database.getUsername());
            }
            if (database.getPassword() != null) {
                join.add("--spring.datasource.password=" + database.getPassword());
            }
            gateways.run(Stream.concat(Stream.of(GatewayApplication.class), configuration.stream())
                    .toArray(Class<?>[]::new), join);
            return gateways;
        } catch (RuntimeException e) {
            gateways.close();
            throw e;
        }
    }

    /** Replica 0 or 1. */
    public ConfigurableApplicationContext replica(int index) {
        return replicas.get(index);
    }

    public int port(int index) {
        return Objects.requireNonNull(replica(index).getEnvironment().getProperty("local.server.port", Integer.class));
    }

    @Override
    public void close() {
        // the second first: the first owns the schema, dropped when it closes
        replicas.reversed().forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext run(Class<?>[] sources, List<String> arguments) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
                "--workspace.endpoint=" + TestUpstream.server().baseUrl()));
        all.addAll(arguments);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources).profiles("test")
                .run(all.toArray(String[]::new));
        replicas.add(context);
        return context;
    }
}
