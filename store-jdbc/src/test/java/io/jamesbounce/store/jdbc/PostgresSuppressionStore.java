package io.jamesbounce.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * One real PostgreSQL for the suppression store's four contract classes (list, event history, audit
 * trail, allowlist): started by the first that asks, stopped when the test JVM exits, its tables
 * emptied before each test. One server instead of one per class: each start costs seconds.
 */
final class PostgresSuppressionStore {
    private static EmbeddedPostgresServer server;
    private static JdbcSuppressionRepository repository;

    private PostgresSuppressionStore() {
    }

    static synchronized JdbcSuppressionRepository repository() {
        if (server == null) {
            server = new EmbeddedPostgresServer(10);
            repository = JdbcSuppressionRepository.create(server.pool());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "embedded-postgres-stop"));
        }
        return repository;
    }

    /** The pool other repositories over the same database use (several James servers). */
    static DataSource pool() {
        repository();
        return server.pool();
    }

    static void emptyTables() throws SQLException {
        try (Connection c = pool().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE bounce_event, suppression, suppression_audit, allowlist");
        }
    }
}
