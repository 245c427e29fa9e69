package io.jamesbounce.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server for one test class, with a pool in front as a James server would have. */
final class EmbeddedPostgresServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final HikariDataSource pool;

    EmbeddedPostgresServer(int poolSize) {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
        HikariConfig config = new HikariConfig();
        config.setDataSource(postgres.getPostgresDatabase());
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("suppression-store-test");
        pool = new HikariDataSource(config);
    }

    HikariDataSource pool() {
        return pool;
    }

    EmbeddedPostgres postgres() {
        return postgres;
    }

    @Override
    public void close() throws IOException {
        pool.close();
        postgres.close();
    }
}
