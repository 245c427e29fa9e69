package io.jamesbounce.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The dashboard's aggregates on a real PostgreSQL, one server for the class. */
class PostgresDashboardDataTest implements DashboardDataContract {
    private static EmbeddedPostgresServer server;

    @BeforeAll
    static void startPostgres() {
        server = new EmbeddedPostgresServer(4);
        SchemaMigrator.migrate(server.pool());
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        server.close();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection c = server.pool().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE domain_rate_bucket, domain_rate_hour, domain_rate_block, domain_state, suppression, bounce_event, untrusted_event");
        }
    }

    @Override
    public DataSource dataSource() {
        return server.pool();
    }
}
