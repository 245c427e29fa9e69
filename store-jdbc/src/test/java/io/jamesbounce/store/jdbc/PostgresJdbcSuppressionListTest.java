package io.jamesbounce.store.jdbc;

import java.sql.SQLException;

import org.junit.jupiter.api.BeforeEach;

import io.jamesbounce.store.SuppressionList;
import io.jamesbounce.store.SuppressionListContract;

/** The contract on a real PostgreSQL, the server {@link PostgresSuppressionStore} shares. */
class PostgresJdbcSuppressionListTest implements SuppressionListContract {
    private final JdbcSuppressionRepository repository = PostgresSuppressionStore.repository();

    @BeforeEach
    void emptyTables() throws SQLException {
        PostgresSuppressionStore.emptyTables();
    }

    @Override
    public SuppressionList suppressionList() {
        return repository;
    }
}
