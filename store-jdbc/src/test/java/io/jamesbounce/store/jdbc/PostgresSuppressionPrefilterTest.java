package io.jamesbounce.store.jdbc;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;

/** The prefilter on a real PostgreSQL, several servers sharing it. */
class PostgresSuppressionPrefilterTest implements SuppressionPrefilterContract {
    @BeforeEach
    void emptyTables() throws SQLException {
        PostgresSuppressionStore.emptyTables();
    }

    @Override
    public DataSource dataSource() {
        return PostgresSuppressionStore.pool();
    }
}
