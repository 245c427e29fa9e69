package io.jamesbounce.james.extension;

import java.time.Clock;

import javax.sql.DataSource;

import io.jamesbounce.store.jdbc.JdbcDashboardData;
import io.jamesbounce.store.jdbc.JdbcDomainStatsRepository;
import io.jamesbounce.store.jdbc.JdbcSentMessageLog;
import io.jamesbounce.store.jdbc.JdbcSuppressionRepository;
import io.jamesbounce.store.jdbc.JdbcUntrustedEventLog;

/**
 * What every backend keeps in its one database: the suppressions, the per-domain rate counters, the
 * untrusted events and the messages sent to each recipient, and the dashboard's reading of them. Built once the schema is migrated; the
 * backend owns the data source.
 */
public record JdbcBackend(JdbcSuppressionRepository repository, JdbcDomainStatsRepository domainStats,
                          JdbcUntrustedEventLog untrustedEvents, JdbcSentMessageLog sentMessages, JdbcDashboardData dashboard) {

    /** Migrates the schema if needed; starts the suppression prefilter when the settings ask for it. */
    public static JdbcBackend on(DataSource dataSource, BounceSettings settings) {
        JdbcSuppressionRepository repository = settings.prefilterRefresh()
            .map(refresh -> JdbcSuppressionRepository.createWithPrefilter(dataSource, refresh, settings.cacheStaleness()))
            .orElseGet(() -> JdbcSuppressionRepository.create(dataSource));
        return new JdbcBackend(repository, JdbcDomainStatsRepository.create(dataSource),
            JdbcUntrustedEventLog.create(dataSource), JdbcSentMessageLog.create(dataSource, Clock.systemUTC()),
            new JdbcDashboardData(dataSource));
    }

    /** Stops what runs in the background (the prefilter's refresh); the data source stays open. */
    public void close() {
        repository.close();
    }

    /** A backend module binds this to its store, whose {@code @PreDestroy} closes the data source. */
    public interface Store {
        JdbcBackend jdbc();
    }
}
