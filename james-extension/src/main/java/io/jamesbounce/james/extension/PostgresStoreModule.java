package io.jamesbounce.james.extension;

import org.apache.james.metrics.api.MetricFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import io.jamesbounce.store.DomainStatsRepository;
import io.jamesbounce.store.UntrustedEventLog;
import io.jamesbounce.store.SuppressionRepository;

/**
 * The store shared by several James servers: a PostgreSQL database ({@code postgres.url},
 * {@code postgres.user}, {@code postgres.password}, {@code postgres.pool-size} in
 * {@code conf/bounces.properties}), schema migrated at start-up, pool closed when James stops.
 * {@code extensions.properties}: {@code guice.extension.module=io.jamesbounce.james.extension.PostgresStoreModule}
 */
public class PostgresStoreModule extends AbstractModule {

    @Override
    protected void configure() {
        install(new BounceServicesModule());
        bind(PostgresStore.class);
    }

    @Provides
    @Singleton
    SuppressionRepository repository(PostgresStore store, MetricFactory metrics) {
        return new MeteredSuppressionRepository(store.repository(), metrics);
    }

    @Provides
    @Singleton
    DomainStatsRepository domainStats(PostgresStore store) {
        return store.domainStats();
    }

    @Provides
    @Singleton
    UntrustedEventLog untrustedEvents(PostgresStore store) {
        return store.untrustedEvents();
    }
}
