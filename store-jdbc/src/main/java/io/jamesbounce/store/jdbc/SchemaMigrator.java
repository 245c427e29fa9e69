package io.jamesbounce.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the latest schema by running the versioned scripts under
 * {@code db/migration/} that it has not run yet, each in one transaction with its row in
 * {@code schema_version}. A few dozen lines instead of Flyway: one less jar in James'
 * extension folder, and the scripts keep Flyway's naming should we ever switch.
 *
 * <p>Two servers starting together against one PostgreSQL: a session-level advisory lock makes
 * the second wait and then find nothing left to do. The embedded H2 database is opened by one
 * JVM only, where the class monitor is enough.
 */
public final class SchemaMigrator {
    private static final Logger LOGGER = LoggerFactory.getLogger(SchemaMigrator.class);
    // An arbitrary constant: the advisory lock id of this schema ("bounce" in ASCII).
    private static final long LOCK_ID = 0x626f756e6365L;

    /** Every script, in order. Adding one means adding its file and its line here. */
    static final List<Migration> MIGRATIONS = List.of(
        new Migration(1, "create_suppression_store"),
        new Migration(2, "create_domain_rates"),
        new Migration(3, "create_untrusted_events"),
        new Migration(4, "add_block_reporter"),
        new Migration(5, "create_sent_messages"),
        new Migration(6, "create_domain_schedules"),
        new Migration(7, "dashboard"),
        new Migration(8, "suppression_written_at"));

    record Migration(int version, String description) {
        String resource() {
            return "db/migration/V" + version + "__" + description + ".sql";
        }
    }

    private SchemaMigrator() {
    }

    /** @return the schema version after migration */
    public static int migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection connection = dataSource.getConnection()) {
            if (SqlDialect.of(connection) != SqlDialect.POSTGRESQL) {
                synchronized (SchemaMigrator.class) {
                    return migrate(connection);
                }
            }
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + LOCK_ID + ")");
            }
            try {
                return migrate(connection);
            } finally {
                try (Statement s = connection.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(" + LOCK_ID + ")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot migrate the suppression store schema: " + e.getMessage(), e);
        }
    }

    private static int migrate(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                + "version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, "
                + "installed_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
        int current = currentVersion(connection);
        for (Migration migration : MIGRATIONS) {
            if (migration.version() <= current) {
                continue;
            }
            apply(connection, migration);
            current = migration.version();
        }
        return current;
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void apply(Connection connection, Migration migration) throws SQLException {
        List<String> statements = statements(read(migration.resource()));
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_version (version, description, installed_at) VALUES (?, ?, ?)")) {
                insert.setInt(1, migration.version());
                insert.setString(2, migration.description());
                insert.setObject(3, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
                insert.executeUpdate();
            }
            connection.commit();
            LOGGER.info("suppression store schema migrated to version={} script={}", migration.version(), migration.resource());
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("migration " + migration.resource() + " failed: " + e.getMessage(), e.getSQLState(), e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String read(String resource) {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration script on the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a script into statements: {@code --} comment lines dropped, a statement ends with {@code ;} at end of line. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
