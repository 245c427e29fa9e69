package io.jamesbounce.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.jamesbounce.store.UntrustedEventLog;
import io.jamesbounce.store.UntrustedEventLogContract;

/** The contract on a real PostgreSQL, one server for the class. */
class PostgresJdbcUntrustedEventLogTest implements UntrustedEventLogContract {
    private static EmbeddedPostgresServer server;
    private static JdbcUntrustedEventLog log;

    @BeforeAll
    static void startPostgres() {
        server = new EmbeddedPostgresServer(4);
        log = JdbcUntrustedEventLog.create(server.pool());
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        server.close();
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        try (Connection c = server.pool().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE untrusted_event");
        }
    }

    @Override
    public UntrustedEventLog log() {
        return log;
    }
}
