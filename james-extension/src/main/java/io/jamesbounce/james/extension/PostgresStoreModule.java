package io.jamesbounce.james.extension;

import com.google.inject.AbstractModule;

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
        bind(JdbcBackend.Store.class).to(PostgresStore.class);
    }
}
