package io.jamesbounce.james.extension;

import org.apache.james.metrics.api.MetricFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import io.jamesbounce.store.DomainStatsRepository;
import io.jamesbounce.store.UntrustedEventLog;
import io.jamesbounce.store.SuppressionRepository;

/**
 * The store of a single James server: an H2 file database, {@code var/bounces/suppressions.mv.db}
 * under James' working directory (or under {@code h2.directory}), created and migrated on first
 * use, closed when James stops. {@code extensions.properties}:
 * {@code guice.extension.module=io.jamesbounce.james.extension.EmbeddedStoreModule}
 */
public class EmbeddedStoreModule extends AbstractModule {

    @Override
    protected void configure() {
        install(new BounceServicesModule());
        bind(EmbeddedStore.class);
    }

    @Provides
    @Singleton
    SuppressionRepository repository(EmbeddedStore store, MetricFactory metrics) {
        return new MeteredSuppressionRepository(store.repository(), metrics);
    }

    @Provides
    @Singleton
    DomainStatsRepository domainStats(EmbeddedStore store) {
        return store.domainStats();
    }

    @Provides
    @Singleton
    UntrustedEventLog untrustedEvents(EmbeddedStore store) {
        return store.untrustedEvents();
    }
}
