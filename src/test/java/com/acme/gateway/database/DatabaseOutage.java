package com.acme.gateway.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Simulates the database going away and coming back without a restart: while {@link #start()}ed,
 * every attempt to get a connection fails the way a pool does when the database is unreachable.
 * {@code @Import(DatabaseOutage.class)} into a test context, then inject it.
 */
public class DatabaseOutage implements BeanPostProcessor {

    private volatile boolean down;

    public void start() {
        down = true;
    }

    public void end() {
        down = false;
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
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            failWhileDown();
            return super.getConnection(username, password);
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
