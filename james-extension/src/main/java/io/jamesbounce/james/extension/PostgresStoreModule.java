package io.jamesbounce.james.extension;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.jamesbounce.store.SuppressionRepository;
import io.jamesbounce.store.jdbc.JdbcSuppressionRepository;

/**
 * The store shared by several James servers: a PostgreSQL database ({@code postgres.url},
 * {@code postgres.user}, {@code postgres.password}, {@code postgres.pool-size} in
 * {@code conf/bounces.properties}), schema migrated at start-up.
 * {@code extensions.properties}: {@code guice.extension.module=io.jamesbounce.james.extension.PostgresStoreModule}
 */
public class PostgresStoreModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(PostgresStoreModule.class);

    @Override
    protected void configure() {
        install(new BounceServicesModule());
    }

    @Provides
    @Singleton
    SuppressionRepository repository(BounceSettings settings) {
        BounceSettings.Postgres postgres = settings.postgres().orElseThrow(() -> new IllegalStateException(
            "PostgresStoreModule needs postgres.url in conf/" + BounceSettings.FILE_NAME));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.url());
        config.setUsername(postgres.user());
        config.setPassword(postgres.password());
        config.setMaximumPoolSize(postgres.poolSize());
        config.setPoolName("bounce-suppressions");
        config.setDriverClassName("org.postgresql.Driver");
        LOGGER.info("suppression store: PostgreSQL {}", postgres);
        return JdbcSuppressionRepository.create(new HikariDataSource(config));
    }
}
