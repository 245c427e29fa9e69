package io.jamesbounce.store.jdbc;

import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;

import io.jamesbounce.store.SuppressionList;
import io.jamesbounce.store.SuppressionListContract;

/** The list's contract on a real PostgreSQL with the prefilter built and in use, as a James server runs it. */
class PostgresPrefilteredSuppressionListTest implements SuppressionListContract {
    private JdbcSuppressionRepository prefiltered;

    @BeforeEach
    void emptyTablesAndBuildPrefilter() throws SQLException {
        PostgresSuppressionStore.emptyTables();
        SuppressionPrefilter prefilter = new SuppressionPrefilter(PostgresSuppressionStore.pool(), Duration.ofHours(1), System::nanoTime);
        prefilter.refresh();
        prefiltered = new JdbcSuppressionRepository(PostgresSuppressionStore.pool(), prefilter);
    }

    @Override
    public SuppressionList suppressionList() {
        return prefiltered;
    }
}
