package io.jamesbounce.james.extension;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The PostgreSQL pool of this James server, built by James' injector so that James closes it when it
 * stops ({@code @PreDestroy}).
 */
@Singleton
public class PostgresStore implements JdbcBackend.Store {
    private static final Logger LOGGER = LoggerFactory.getLogger(PostgresStore.class);
    private final HikariDataSource pool;
    private final JdbcBackend jdbc;

    @Inject
    public PostgresStore(BounceSettings settings) {
        BounceSettings.Postgres postgres = settings.postgres().orElseThrow(() -> new IllegalStateException(
            "PostgresStoreModule needs postgres.url in conf/" + BounceSettings.FILE_NAME));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.url());
        config.setUsername(postgres.user());
        config.setPassword(postgres.password());
        config.setMaximumPoolSize(postgres.poolSize());
        config.setConnectionTimeout(postgres.connectionTimeout().toMillis());
        config.setPoolName("bounce-suppressions");
        config.setDriverClassName("org.postgresql.Driver");
        LOGGER.info("suppression store: PostgreSQL {}", postgres);
        this.pool = new HikariDataSource(config);
        this.jdbc = JdbcBackend.on(pool, settings);
    }

    @Override
    public JdbcBackend jdbc() {
        return jdbc;
    }

    @PreDestroy
    public void close() {
        jdbc.close();
        pool.close();
        LOGGER.info("suppression store closed: PostgreSQL pool {}", pool.getPoolName());
    }
}
