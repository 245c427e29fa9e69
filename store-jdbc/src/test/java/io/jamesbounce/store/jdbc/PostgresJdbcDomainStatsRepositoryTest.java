package io.jamesbounce.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.jamesbounce.store.DomainStatsRepository;
import io.jamesbounce.store.DomainStatsRepositoryContract;

/**
 * The contract on a real PostgreSQL, one server for the class. Its concurrent-writers test runs
 * each thread on its own pooled connection, all incrementing the same bucket rows: what several
 * James servers flushing at once do.
 */
class PostgresJdbcDomainStatsRepositoryTest implements DomainStatsRepositoryContract {
    private static EmbeddedPostgresServer server;
    private static JdbcDomainStatsRepository repository;

    @BeforeAll
    static void startPostgres() {
        server = new EmbeddedPostgresServer(10);
        repository = JdbcDomainStatsRepository.create(server.pool());
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        server.close();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection c = server.pool().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE domain_rate_bucket, domain_rate_hour, domain_rate_block, domain_throttle, domain_state");
        }
    }

    @Override
    public DomainStatsRepository repository() {
        return repository;
    }
}
