package io.jamesbounce.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.SuppressionPolicy;
import io.jamesbounce.store.Change;
import io.jamesbounce.store.Suppression;

/**
 * What the prefilter must do on every JDBC backend: never answer "not suppressed" for an address the
 * table holds (its own writes at once, other servers' after a refresh, a late commit inside the overlap),
 * keep unknown recipients away from the database, and step aside when it is too old. A test implements
 * {@link #dataSource()}: a migrated, empty database.
 */
interface SuppressionPrefilterContract {
    Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    Duration MAXIMUM_AGE = Duration.ofSeconds(30);
    AddressKey ALICE = AddressKey.of("alice@example.org");

    DataSource dataSource();

    /** This server: its repository behind a prefilter whose clock the test moves, and the statements it runs counted. */
    final class Server {
        final CountingDataSource counted;
        final FakeTicker ticker = new FakeTicker();
        final SuppressionPrefilter prefilter;
        final JdbcSuppressionRepository repository;

        Server(DataSource dataSource) {
            this.counted = new CountingDataSource(dataSource);
            this.prefilter = new SuppressionPrefilter(counted, MAXIMUM_AGE, ticker);
            this.repository = new JdbcSuppressionRepository(counted, prefilter);
        }

        /** Database connections taken by these lookups. */
        long connectionsFor(Runnable lookups) {
            long before = counted.connections.get();
            lookups.run();
            return counted.connections.get() - before;
        }
    }

    /** Another server (or the CLI) writing to the same database, with no prefilter. */
    default JdbcSuppressionRepository otherServer() {
        return new JdbcSuppressionRepository(dataSource());
    }

    @Test
    default void beforeItsFirstBuildEveryLookupShouldGoToTheDatabase() {
        Server server = new Server(dataSource());
        otherServer().suppress(hard(ALICE));

        assertThat(server.prefilter.inUse()).isFalse();
        assertThat(server.repository.isSuppressed(ALICE, T0)).isTrue();
        assertThat(server.connectionsFor(() -> server.repository.isSuppressed(AddressKey.of("bob@example.org"), T0))).isEqualTo(1);
    }

    @Test
    default void onceBuiltRecipientsNotInTheTableShouldNotReachTheDatabase() {
        otherServer().importSuppressions(IntStream.range(0, 5_000).mapToObj(i -> hard(AddressKey.of("dead" + i + "@example.net"))).iterator());
        Server server = new Server(dataSource());
        server.prefilter.refresh();

        List<AddressKey> recipients = IntStream.range(0, 2_000).mapToObj(i -> AddressKey.of("reader" + i + "@example.com")).toList();
        long connections = server.connectionsFor(() -> recipients.forEach(r -> assertThat(server.repository.isSuppressed(r, T0)).isFalse()));

        // the filter's false positives (about 1 %) still ask the database, and are answered by it
        assertThat(connections).isLessThan(60);
        assertThat(server.prefilter.inUse()).isTrue();
    }

    @Test
    default void everyAddressInTheTableWhenBuiltShouldStillBeSuppressed() {
        List<AddressKey> dead = IntStream.range(0, 5_000).mapToObj(i -> AddressKey.of("dead" + i + "@example.net")).toList();
        otherServer().importSuppressions(dead.stream().map(SuppressionPrefilterContract::hard).iterator());
        Server server = new Server(dataSource());
        server.prefilter.refresh();

        assertThat(server.repository.suppressedAmong(dead, T0)).containsExactlyInAnyOrderElementsOf(dead);
    }

    @Test
    default void thisServersOwnWritesShouldBeSeenWithoutARefresh() {
        Server server = new Server(dataSource());
        server.prefilter.refresh();
        AddressKey decided = AddressKey.of("decided@example.net");
        AddressKey imported = AddressKey.of("imported@example.net");
        BounceEvent event = BounceEvent.bare("<r1@mx>", decided, T0, EventSource.DSN, Category.USER_UNKNOWN, "test-rule");
        SuppressionPolicy policy = new SuppressionPolicy(PolicySettings.defaults(), Clock.fixed(T0, ZoneOffset.UTC));

        server.repository.suppress(hard(ALICE));
        server.repository.recordEventAndDecide(event, T0.minus(Duration.ofDays(30)), history -> policy.decide(event, history));
        server.repository.importSuppressions(List.of(hard(imported)).iterator());

        assertThat(server.repository.suppressedAmong(List.of(ALICE, decided, imported), T0)).containsExactlyInAnyOrder(ALICE, decided, imported);
    }

    @Test
    default void anotherServersWriteShouldBeSeenAfterTheNextRefresh() {
        Server server = new Server(dataSource());
        server.prefilter.refresh();
        otherServer().suppress(hard(ALICE));
        server.ticker.advance(Duration.ofSeconds(1));

        server.prefilter.refresh();

        assertThat(server.repository.isSuppressed(ALICE, T0)).isTrue();
    }

    @Test
    default void aWriteCommittedAfterAReadingThatMissedItShouldBeSeenAtTheNext() throws Exception {
        Server server = new Server(dataSource());
        server.prefilter.refresh();
        try (Connection late = dataSource().getConnection()) {
            late.setAutoCommit(false);
            try (PreparedStatement insert = late.prepareStatement("INSERT INTO suppression (address, domain, category, source, rule_id, "
                + "suppressed_at) VALUES (?, ?, 'user-unknown', 'DSN', 'hard-at-once', CURRENT_TIMESTAMP)")) {
                insert.setString(1, ALICE.value());
                insert.setString(2, ALICE.domain());
                insert.executeUpdate();
            }
            // the row's written_at is now in the past of the reading below, which cannot see it yet
            Thread.sleep(50);
            server.prefilter.refresh();
            late.commit();
        }

        server.prefilter.refresh();

        assertThat(server.repository.isSuppressed(ALICE, T0)).isTrue();
    }

    @Test
    default void aFilterNotRefreshedWithinTheMaximumAgeShouldNotBeUsed() {
        Server server = new Server(dataSource());
        server.prefilter.refresh();
        otherServer().suppress(hard(ALICE));

        server.ticker.advance(MAXIMUM_AGE.plusMillis(1));

        assertThat(server.prefilter.inUse()).isFalse();
        assertThat(server.repository.isSuppressed(ALICE, T0)).isTrue();
    }

    @Test
    default void aRefreshAfterAnHourShouldRebuildTheFilterFromTheWholeTable() {
        Server server = new Server(dataSource());
        server.prefilter.refresh();
        server.repository.suppress(hard(ALICE));

        server.ticker.advance(SuppressionPrefilter.REBUILD_EVERY.plusSeconds(1));
        server.prefilter.refresh();

        assertThat(server.prefilter.builds()).isEqualTo(2);
        assertThat(server.repository.isSuppressed(ALICE, T0)).isTrue();
    }

    @Test
    default void aRemovedEntryShouldNotBeSuppressedThoughTheFilterStillHoldsIt() {
        Server server = new Server(dataSource());
        server.prefilter.refresh();
        server.repository.suppress(hard(ALICE));
        otherServer().remove(ALICE, new Change("admin@example.org", "ticket 42", T0));

        assertThat(server.repository.isSuppressed(ALICE, T0)).isFalse();
    }

    private static Suppression hard(AddressKey address) {
        return Suppression.of(address, Category.USER_UNKNOWN, EventSource.DSN, "hard-at-once", T0, Optional.empty());
    }

    /** A nanosecond clock the test moves. */
    final class FakeTicker implements LongSupplier {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public long getAsLong() {
            return nanos.get();
        }

        void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }
    }

    /** Counts the connections taken: each lookup that reaches the database takes one. */
    final class CountingDataSource implements DataSource {
        private final DataSource delegate;
        final AtomicLong connections = new AtomicLong();

        CountingDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            connections.incrementAndGet();
            return delegate.getConnection(user, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return delegate.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return delegate.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return delegate.isWrapperFor(iface);
        }
    }
}
