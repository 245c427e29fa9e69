package io.jamesbounce.store.jdbc;

import java.nio.file.Path;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default under the store's H2 test classes: an H2 file database in a fresh James data
 * folder for each test, migrated, with the suppression repository on it. A class testing another
 * repository of the store opens it on {@link #pool} in its own {@code @BeforeEach}, which runs after
 * this one; a test may replace {@link #pool} (a restart), and the one in place is closed after it.
 */
abstract class H2SuppressionStore {
    @TempDir
    Path jamesData;

    JdbcConnectionPool pool;
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
