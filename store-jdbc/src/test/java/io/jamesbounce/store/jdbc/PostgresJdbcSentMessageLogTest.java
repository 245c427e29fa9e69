package io.jamesbounce.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.jamesbounce.core.trust.SentMessageLog;

/** The contract on a real PostgreSQL: the memory every server of a cluster shares. */
class PostgresJdbcSentMessageLogTest implements JdbcSentMessageLogContract {
    private static EmbeddedPostgresServer server;
    private static JdbcSentMessageLog log;

    @BeforeAll
    static void startPostgres() {
        server = new EmbeddedPostgresServer(4);
        log = JdbcSentMessageLog.create(server.pool(), Clock.systemUTC());
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        server.close();
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        try (Connection c = server.pool().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE sent_message");
        }
    }

    @Override
    public SentMessageLog log() {
        return log;
    }

    @Override
    public JdbcSentMessageLog logSentAt(Instant now) {
        return JdbcSentMessageLog.create(server.pool(), Clock.fixed(now, ZoneOffset.UTC));
    }
}
