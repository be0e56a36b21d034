package com.acme.gateway.database;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** Connections that run a test's hook before each of their methods, then the method itself. */
public final class InterceptedConnections {

    /** What runs before a connection's method; {@code args} is null for a method without arguments. */
    @FunctionalInterface
    public interface Before {
        void call(Connection connection, Method method, Object @Nullable [] args) throws Exception;
    }

    private InterceptedConnections() {
    }

    public static Connection of(Connection connection, Before before) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    before.call(connection, method, args);
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The data source whose connections run {@code before}. */
    public static DataSource of(DataSource dataSource, Before before) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                return of(obtainTargetDataSource().getConnection(), before);
            }
        };
    }
}
