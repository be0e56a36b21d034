package com.acme.gateway.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded H2 writes committed changes to its file only every 500 ms ({@code WRITE_DELAY}): a
 * JVM killed in between (SIGKILL, out of memory) would lose the pending row of a request already
 * sent, the claim of its Idempotency-Key and its pool slot. So before a request is sent, those rows
 * (read back after their commit) are appended to a journal beside the database file, one line per
 * request. At start-up, once Flyway has migrated and before anything reads them, the rows H2 lost
 * are put back from it. The journal is two files used in turn, {@code <database>.journal} and
 * {@code <database>.journal.2}: every second appends move to the other file, H2 writes its file
 * ({@code CHECKPOINT}) and the file set aside is emptied. So no request waits for H2's write, which
 * takes milliseconds, and a line appended meanwhile stays until the next. Appending a line is far
 * cheaper than writing the database's file per request, which also left a new chunk of that file
 * behind each time (BENCHMARKS.md). Like H2 itself, the journal is not {@code fsync}ed: it protects
 * against the process dying, not the machine. Nothing to do on PostgreSQL, whose commit is durable, or on an
 * in-memory H2; other H2 URLs stop the start.
 */
@Component
@DependsOnDatabaseInitialization
class PendingJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PendingJournal.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<List<JournaledRow>> ENTRY = new TypeReference<>() { };
    private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /**
     * The tables a request writes before it is sent. {@code key}: the primary key; {@code owner}: the
     * column naming the request; {@code since}: when the row was claimed.
     */
    private record Table(String name, String find, List<String> key, String owner, String since) {
    }

    private static final Table IDEMPOTENCY_KEYS = new Table("idempotency_keys",
            "audit_id = :id AND team = :team AND idempotency_key = :idempotency_key", List.of("team", "idempotency_key"),
            "audit_id", "created_at");
    private static final List<Table> TABLES = List.of(
            new Table("audit_events", "id = :id", List.of("id"), "id", "created_at"),
            IDEMPOTENCY_KEYS,
            new Table("pool_rollouts", "audit_id = :id", List.of("pool_id", "slot"), "audit_id", "claimed_at"));

    /** One row of one of {@link #TABLES}, as JSON values: UUIDs and times as text, which H2 converts back. */
    record JournaledRow(String table, Map<String, @Nullable Object> row) {
    }

    private final JdbcClient jdbc;
    private final @Nullable Path path;
    /** The two files, or none without a journal; lines go to the one at {@code active}, switched under the lock. */
    private final List<FileChannel> files;
    private int active;
    private final ReentrantLock lock = new ReentrantLock();

    PendingJournal(JdbcClient jdbc, ObjectProvider<JdbcConnectionDetails> database) {
        this.jdbc = jdbc;
        JdbcConnectionDetails details = database.getIfAvailable();
        this.path = details == null ? null : journalOf(details.getJdbcUrl());
        if (path == null) {
            this.files = List.of();
            return;
        }
        List<Path> paths = List.of(path, path.resolveSibling(path.getFileName() + ".2"));
        try {
            recover(paths);
            var opened = new ArrayList<FileChannel>();
            for (Path file : paths) {
                opened.add(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND));
            }
            this.files = List.copyOf(opened);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the audit journal " + path, e);
        }
    }

    /**
     * The journal of an embedded H2 file database; null for PostgreSQL and an in-memory H2.
     *
     * @throws IllegalArgumentException for an H2 server ({@code tcp:}, {@code ssl:}) or a file system
     *     prefix ({@code async:}, {@code nio:}…), which nothing here makes durable
     */
    static @Nullable Path journalOf(String jdbcUrl) {
        if (DatabaseDriver.fromJdbcUrl(jdbcUrl) != DatabaseDriver.H2) {
            return null;
        }
        String name = jdbcUrl.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (name.startsWith("mem:")) {
            return null;
        }
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.matches("[A-Za-z]{2,}:.*")) {
            throw new IllegalArgumentException("spring.datasource.url: H2 is supported embedded (jdbc:h2:file:<path>) or in "
                    + "memory (jdbc:h2:mem:<name>), not with the prefix " + name.substring(0, name.indexOf(':') + 1)
                    + "; use PostgreSQL for a database server");
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Path.of(name + ".journal").toAbsolutePath().normalize();
    }

    /**
     * Appends the rows request {@code id} committed: its audit row, and the claim of its key and its
     * pool slot when it holds them. Returns once they are in the file.
     *
     * @throws AuditUnavailableException when they cannot be read or appended
     */
    void append(UUID id) {
        if (files.isEmpty()) {
            return;
        }
        ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(rowsOf(id)) + "\n").getBytes(StandardCharsets.UTF_8));
        lock.lock();
        try {
            FileChannel file = files.get(active);
            while (line.hasRemaining()) {
                file.write(line);
            }
        } catch (IOException e) {
            throw new AuditUnavailableException("audit journal " + path + " cannot be written", e);
        } finally {
            lock.unlock();
        }
    }

    private List<JournaledRow> rowsOf(UUID id) {
        var rows = new ArrayList<JournaledRow>();
        AuditLog.guarded(() -> {
            MapSqlParameterSource params = new MapSqlParameterSource("id", id);
            for (Table table : TABLES) {
                if (table == IDEMPOTENCY_KEYS && params.getValue("idempotency_key") == null) {
                    continue; // the request claimed no key: nothing to read back
                }
                List<Map<String, @Nullable Object>> found = jdbc.sql("SELECT * FROM " + table.name() + " WHERE " + table.find())
                        .paramSource(params).query(PendingJournal::row).list();
                if (table == TABLES.getFirst()) { // the audit row, which names the key the request claimed
                    Map<String, @Nullable Object> audit = found.stream().findFirst()
                            .orElseThrow(() -> new IllegalStateException("no audit row " + id + " to journal"));
                    params.addValue("team", audit.get("team")).addValue("idempotency_key", audit.get("idempotency_key"));
                }
                found.forEach(row -> rows.add(new JournaledRow(table.name(), row)));
            }
            return null;
        });
        return rows;
    }

    /** A row as column → value; the names are lower case already, so no case-insensitive map is needed. */
    private static Map<String, @Nullable Object> row(ResultSet rs, int rowNum) throws SQLException {
        ResultSetMetaData columns = rs.getMetaData();
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
            row.put(columns.getColumnLabel(i), rs.getObject(i));
        }
        return row;
    }

    /**
     * Moves appends to the other file, writes the database's file, after which the lines of the file
     * set aside are in it, and empties that file. Only the switch holds the lock.
     */
    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void checkpoint() {
        if (files.isEmpty()) {
            return;
        }
        try {
            FileChannel setAside;
            lock.lock();
            try {
                if (files.get(active).size() > 0) {
                    active = 1 - active;
                }
                setAside = files.get(1 - active);
            } finally {
                lock.unlock();
            }
            if (setAside.size() > 0) {
                jdbc.sql("CHECKPOINT").update();
                setAside.truncate(0);
            }
        } catch (IOException | DataAccessException e) {
            log.warn("The audit journal {} could not be emptied; it is kept and tried again in a second: {}", path,
                    e.toString());
        }
    }

    /**
     * Puts back the journaled rows the database lost. A row still there is left as it is (it may have
     * been completed since). A row of another request under the same key, claimed before the
     * journaled one, had been released when the journaled one was committed, so it goes. Neither rule
     * depends on the order of the lines, so the two files are read in either order.
     */
    private void recover(List<Path> journal) throws IOException {
        for (Path file : journal) {
            if (Files.exists(file)) {
                putBackLines(file);
            }
        }
        // also shows at start that this user may write the file, as an H2 admin may; else the journal would only grow
        jdbc.sql("CHECKPOINT").update();
        for (Path file : journal) {
            Files.write(file, new byte[0]);
        }
    }

    private void putBackLines(Path journal) throws IOException {
        String[] lines = Files.readString(journal).split("\n", -1);
        int restored = 0;
        for (int i = 0; i < lines.length - 1; i++) {
            List<JournaledRow> entry;
            try {
                entry = JSON.readValue(lines[i], ENTRY);
            } catch (JacksonException e) {
                throw new IllegalStateException("line " + (i + 1) + " of the audit journal " + journal
                        + " is not a journal entry; move the file away to start without it: " + e.getOriginalMessage(), e);
            }
            for (JournaledRow row : entry) {
                restored += putBack(row);
            }
        }
        if (!lines[lines.length - 1].isEmpty()) {
            log.warn("The last line of the audit journal {} was cut off: the gateway stopped while writing it, "
                    + "before its request was sent; skipped", journal);
        }
        if (restored > 0) {
            log.warn("Put back rows the embedded database had lost when the gateway last stopped, from {}: {}",
                    journal, restored);
        }
    }

    private int putBack(JournaledRow journaled) {
        Table table = TABLES.stream().filter(t -> t.name().equals(journaled.table())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the audit journal names an unknown table " + journaled.table()));
        Map<String, @Nullable Object> row = new LinkedHashMap<>(journaled.row());
        for (String column : row.keySet()) {
            if (!COLUMN.matcher(column).matches()) {
                throw new IllegalStateException("the audit journal names an odd column of " + table.name());
            }
        }
        var params = new MapSqlParameterSource(row);
        String sameKey = table.key().stream().map(c -> c + " = :" + c).collect(Collectors.joining(" AND "));
        jdbc.sql("DELETE FROM " + table.name() + " WHERE " + sameKey + " AND " + table.owner() + " <> :" + table.owner()
                + " AND " + table.since() + " < :" + table.since()).paramSource(params).update();
        return jdbc.sql("INSERT INTO " + table.name() + " (" + String.join(", ", row.keySet()) + ") VALUES ("
                + row.keySet().stream().map(c -> ":" + c).collect(Collectors.joining(", ")) + ") ON CONFLICT DO NOTHING")
                .paramSource(params).update();
    }

    @Override
    public void close() throws IOException {
        for (FileChannel file : files) {
            file.close();
        }
    }
}
