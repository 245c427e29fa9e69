package io.jamesbounce.james.extension;

import java.time.Clock;

import javax.sql.DataSource;

import io.jamesbounce.store.jdbc.JdbcDomainStatsRepository;
import io.jamesbounce.store.jdbc.JdbcSentMessageLog;
import io.jamesbounce.store.jdbc.JdbcSuppressionRepository;
import io.jamesbounce.store.jdbc.JdbcUntrustedEventLog;

/**
 * What every backend keeps in its one database: the suppressions, the per-domain rate counters, the
 * untrusted events and the messages sent to each recipient. Built once the schema is migrated; the
 * backend owns the data source.
 */
public record JdbcBackend(JdbcSuppressionRepository repository, JdbcDomainStatsRepository domainStats,
                          JdbcUntrustedEventLog untrustedEvents, JdbcSentMessageLog sentMessages) {

    /** Migrates the schema if needed. */
    public static JdbcBackend on(DataSource dataSource) {
        return new JdbcBackend(JdbcSuppressionRepository.create(dataSource), JdbcDomainStatsRepository.create(dataSource),
            JdbcUntrustedEventLog.create(dataSource), JdbcSentMessageLog.create(dataSource, Clock.systemUTC()));
    }

    /** A backend module binds this to its store, whose {@code @PreDestroy} closes the data source. */
    public interface Store {
        JdbcBackend jdbc();
    }
}
