package com.acme.gateway.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * Records PostgreSQL's {@code synchronous_commit} as each transaction on a wrapped data source
 * commits: "off" means that commit did not wait for the WAL flush.
 */
public final class CommitSettings {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    public DataSource wrap(DataSource dataSource) {
        return InterceptedConnections.of(dataSource, (connection, method, args) -> {
            if (method.getName().equals("commit")) {
                seen.add(synchronousCommit(connection));
            }
        });
    }

    /** The setting at each commit so far, in order. */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    public static String synchronousCommit(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The setting on the connection the pool hands out next. */
    public static String synchronousCommit(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return synchronousCommit(connection);
        }
    }
}
