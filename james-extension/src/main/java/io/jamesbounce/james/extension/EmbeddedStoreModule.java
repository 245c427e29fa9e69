package io.jamesbounce.james.extension;

import com.google.inject.AbstractModule;

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
        bind(JdbcBackend.Store.class).to(EmbeddedStore.class);
    }
}
