package io.jamesbounce.store.jdbc;

import java.nio.file.Path;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default under the suppression store's four contract classes (list, event history,
 * audit trail, allowlist): an H2 file database in a fresh James data folder for each test.
 */
abstract class H2SuppressionStore {
    @TempDir
    Path jamesData;

    private JdbcConnectionPool pool;
    JdbcSuppressionRepository repository;

    @BeforeEach
    void openStore() {
        pool = EmbeddedH2.dataSource(jamesData);
        repository = EmbeddedH2.repository(pool);
    }

    @AfterEach
    void closeStore() {
        pool.dispose();
    }
}
