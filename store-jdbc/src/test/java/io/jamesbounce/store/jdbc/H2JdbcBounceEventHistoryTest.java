package io.jamesbounce.store.jdbc;

import java.nio.file.Path;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import io.jamesbounce.store.Allowlist;
import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.BounceEventHistoryContract;
import io.jamesbounce.store.SuppressionList;

/** The contract on the embedded default: an H2 file database in a fresh James data folder. */
class H2JdbcBounceEventHistoryTest implements BounceEventHistoryContract {
    @TempDir
    Path jamesData;

    private JdbcConnectionPool pool;
    private JdbcSuppressionRepository repository;

    @BeforeEach
    void setUp() {
        pool = EmbeddedH2.dataSource(jamesData);
        repository = EmbeddedH2.repository(pool);
    }

    @AfterEach
    void tearDown() {
        pool.dispose();
    }

    @Override
    public BounceEventHistory eventHistory() {
        return repository;
    }

    @Override
    public SuppressionList suppressionList() {
        return repository;
    }

    @Override
    public Allowlist allowlist() {
        return repository;
    }
}
