package io.jamesbounce.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.Outcome;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.SuppressionPolicy;
import io.jamesbounce.core.testing.MutableClock;
import io.jamesbounce.store.Allowlist;
import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.BounceEventHistoryContract;
import io.jamesbounce.store.StoreFixtures;
import io.jamesbounce.store.SuppressionList;
import io.jamesbounce.store.SuppressionQuery;
import io.jamesbounce.store.SuppressionService;

/**
 * The contract on a real PostgreSQL ({@link PostgresSuppressionStore}). Its concurrency tests run
 * each thread on its own pooled connection: what two James servers sharing the database do.
 */
class PostgresJdbcBounceEventHistoryTest implements BounceEventHistoryContract {
    private final JdbcSuppressionRepository repository = PostgresSuppressionStore.repository();

    @BeforeEach
    void emptyTables() throws SQLException {
        PostgresSuppressionStore.emptyTables();
    }

    @Override
    public BounceEventHistory eventHistory() {
        return repository;
    }

    @Override
    public SuppressionList suppressionList() {
        return repository;
    }

    @Override
    public Allowlist allowlist() {
        return repository;
    }

    /** Several James servers, each with its own service and repository over the shared database. */
    @Nested
    class SeveralServers {
        private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
        private static final int SERVERS = 6;

        private final List<SuppressionService> servers = new ArrayList<>();
        private final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(6)));

        @BeforeEach
        void startServers() {
            for (int i = 0; i < SERVERS; i++) {
                JdbcSuppressionRepository store = new JdbcSuppressionRepository(PostgresSuppressionStore.pool());
                servers.add(new SuppressionService(store, store, new SuppressionPolicy(PolicySettings.defaults(), clock), clock));
            }
        }

        @Test
        void theSameBounceReadByEveryServerShouldBeDecidedOnce() throws Exception {
            BounceEvent event = BounceEvent.bare("<dsn-1@mx.example.net>", AddressKey.of("alice@example.org"), T0,
                EventSource.DSN, Category.USER_UNKNOWN, "rfc3463-5.1.1");

            List<Decision> decisions = onEveryServer(service -> service.decide(event));

            assertThat(decisions).filteredOn(d -> d.outcome() == Outcome.SUPPRESS).hasSize(1);
            assertThat(decisions).filteredOn(d -> d.outcome() == Outcome.DUPLICATE).hasSize(SERVERS - 1);
            assertThat(repository.events(event.recipient())).hasSize(1);
        }

        @Test
        void softFailuresOfOneAddressRecordedEverywhereAtOnceShouldLeaveOneEntry() throws Exception {
            AddressKey bob = AddressKey.of("bob@example.org");
            repository.recordEvent(BounceEvent.bare("<first@mx>", bob, T0, EventSource.DSN, Category.MAILBOX_FULL, "r"));
            List<Decision> decisions = onEveryServer(service -> service.decide(BounceEvent.bare(
                "<later-" + System.identityHashCode(service) + "@mx>", bob, T0.plus(Duration.ofDays(6)), EventSource.DSN,
                Category.MAILBOX_FULL, "r")));

            assertThat(decisions).extracting(Decision::outcome).containsOnly(Outcome.SUPPRESS);
            assertThat(repository.search(SuppressionQuery.all(10)).items()).singleElement()
                .satisfies(s -> assertThat(s.expiresAt()).isPresent());
        }

        private <T> List<T> onEveryServer(Function<SuppressionService, T> work) throws Exception {
            return StoreFixtures.concurrently(SERVERS, i -> work.apply(servers.get(i)));
        }
    }
}
