package io.jamesbounce.store.jdbc;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's aggregates on the embedded H2 file database. */
class H2DashboardDataTest implements DashboardDataContract {
    @TempDir
    Path jamesData;
    private JdbcConnectionPool pool;

    @BeforeEach
    void setUp() {
        pool = EmbeddedH2.dataSource(jamesData);
        SchemaMigrator.migrate(pool);
    }

    @AfterEach
    void tearDown() {
        pool.dispose();
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }
}
