package io.jamesbounce.store.jdbc;

import java.sql.SQLException;

import org.junit.jupiter.api.BeforeEach;

import io.jamesbounce.store.Allowlist;
import io.jamesbounce.store.AllowlistContract;

/** The contract on a real PostgreSQL, the server {@link PostgresSuppressionStore} shares. */
class PostgresJdbcAllowlistTest implements AllowlistContract, DataErrorContract {
    private final JdbcSuppressionRepository repository = PostgresSuppressionStore.repository();

    @BeforeEach
    void emptyTables() throws SQLException {
        PostgresSuppressionStore.emptyTables();
    }

    @Override
    public Allowlist allowlist() {
        return repository;
    }
}
