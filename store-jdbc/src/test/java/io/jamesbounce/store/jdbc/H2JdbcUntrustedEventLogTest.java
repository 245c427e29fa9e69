package io.jamesbounce.store.jdbc;

import java.nio.file.Path;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import io.jamesbounce.store.UntrustedEventLog;
import io.jamesbounce.store.UntrustedEventLogContract;

/** The contract on the embedded H2 file database. */
class H2JdbcUntrustedEventLogTest implements UntrustedEventLogContract {
    @TempDir
    Path jamesData;
    private JdbcConnectionPool pool;
    private JdbcUntrustedEventLog log;

    @BeforeEach
    void setUp() {
        pool = EmbeddedH2.dataSource(jamesData);
        log = JdbcUntrustedEventLog.create(pool);
    }

    @AfterEach
    void tearDown() {
        pool.dispose();
    }

    @Override
    public UntrustedEventLog log() {
        return log;
    }
}
