package io.jamesbounce.store.jdbc;

import java.nio.file.Path;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import io.jamesbounce.store.DomainStatsRepository;
import io.jamesbounce.store.DomainStatsRepositoryContract;

/** The contract on the embedded H2 file database, as a single James server runs it. */
class H2JdbcDomainStatsRepositoryTest implements DomainStatsRepositoryContract {
    @TempDir
    Path jamesData;
    private JdbcConnectionPool pool;
    private JdbcDomainStatsRepository repository;

    @BeforeEach
    void setUp() {
        pool = EmbeddedH2.dataSource(jamesData);
        repository = JdbcDomainStatsRepository.create(pool);
    }

    @AfterEach
    void tearDown() {
        pool.dispose();
    }

    @Override
    public DomainStatsRepository repository() {
        return repository;
    }
}
