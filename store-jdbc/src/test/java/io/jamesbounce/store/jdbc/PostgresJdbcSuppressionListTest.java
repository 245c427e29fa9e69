package io.jamesbounce.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.jamesbounce.store.SuppressionList;
import io.jamesbounce.store.SuppressionListContract;

/** The contract on a real PostgreSQL, one server for the class. */
class PostgresJdbcSuppressionListTest implements SuppressionListContract {
    private static EmbeddedPostgresServer server;
    private static JdbcSuppressionRepository repository;

    @BeforeAll
    static void startPostgres() {
        server = new EmbeddedPostgresServer(10);
        repository = JdbcSuppressionRepository.create(server.pool());
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        server.close();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection c = server.pool().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE bounce_event, suppression, suppression_audit, allowlist");
        }
    }

    @Override
    public SuppressionList suppressionList() {
        return repository;
    }
}
