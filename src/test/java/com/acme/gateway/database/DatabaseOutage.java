package com.acme.gateway.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Simulates the database going away and coming back without a restart: while {@link #start()}ed,
 * every attempt to get a connection fails the way a pool does when the database is unreachable,
 * and so does every statement or commit on a connection already taken (a rollback still works,
 * as the database drops an interrupted transaction anyway). {@code @Import(DatabaseOutage.class)}
 * into a test context, then inject it.
 */
public class DatabaseOutage implements BeanPostProcessor {

    private static final Set<String> STATEMENTS = Set.of("prepareStatement", "prepareCall", "createStatement", "commit");

    private volatile boolean down;
    private volatile @Nullable Predicate<String> startsAt;

    public void start() {
        down = true;
    }

    /** Starts the outage when the next statement matching {@code sql} is prepared: that statement fails already. */
    public void startAt(Predicate<String> sql) {
        startsAt = sql;
    }

    public void end() {
        down = false;
        startsAt = null;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource ? new Switchable(dataSource) : bean;
    }

    /** Closes the pool it wraps with the context, as the pool itself would have been. */
    private final class Switchable extends DelegatingDataSource implements AutoCloseable {

        Switchable(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            failWhileDown();
            return switchable(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            failWhileDown();
            return switchable(super.getConnection(username, password));
        }

        private Connection switchable(Connection connection) {
            return InterceptedConnections.of(connection, (target, method, args) -> {
                if (STATEMENTS.contains(method.getName())) {
                    Predicate<String> trigger = startsAt;
                    if (trigger != null && args != null && args[0] instanceof String sql && trigger.test(sql)) {
                        startsAt = null;
                        down = true;
                    }
                    failWhileDown();
                }
            });
        }

        @Override
        public void close() throws Exception {
            if (obtainTargetDataSource() instanceof AutoCloseable pool) {
                pool.close();
            }
        }

        private void failWhileDown() throws SQLTransientConnectionException {
            if (down) {
                throw new SQLTransientConnectionException("Connection is not available (simulated database outage)");
            }
        }
    }
}
