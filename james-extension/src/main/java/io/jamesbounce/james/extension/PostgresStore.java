package io.jamesbounce.james.extension;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.jamesbounce.store.DomainStatsRepository;
import io.jamesbounce.store.UntrustedEventLog;
import io.jamesbounce.store.SuppressionRepository;
import io.jamesbounce.store.jdbc.JdbcDomainStatsRepository;
import io.jamesbounce.store.jdbc.JdbcUntrustedEventLog;
import io.jamesbounce.store.jdbc.JdbcSuppressionRepository;

/**
 * The PostgreSQL pool of this James server, built by James' injector so that James closes it when it
 * stops ({@code @PreDestroy}).
 */
@Singleton
public class PostgresStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(PostgresStore.class);
    private final HikariDataSource pool;
    private final JdbcSuppressionRepository repository;
    private final JdbcDomainStatsRepository domainStats;
    private final JdbcUntrustedEventLog untrustedEvents;

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
        this.repository = JdbcSuppressionRepository.create(pool);
        this.domainStats = JdbcDomainStatsRepository.create(pool);
        this.untrustedEvents = JdbcUntrustedEventLog.create(pool);
    }

    public SuppressionRepository repository() {
        return repository;
    }

    /** The per-domain rate counters, in the same database. */
    public DomainStatsRepository domainStats() {
        return domainStats;
    }

    /** The events of reports that could not be authenticated, in the same database. */
    public UntrustedEventLog untrustedEvents() {
        return untrustedEvents;
    }

    @PreDestroy
    public void close() {
        pool.close();
        LOGGER.info("suppression store closed: PostgreSQL pool {}", pool.getPoolName());
    }
}
