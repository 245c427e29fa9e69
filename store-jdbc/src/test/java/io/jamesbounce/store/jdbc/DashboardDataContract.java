package io.jamesbounce.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.rates.DomainState;
import io.jamesbounce.core.rates.RateBatch;
import io.jamesbounce.core.rates.RateIncrement;
import io.jamesbounce.core.rates.WindowCounts;
import io.jamesbounce.core.trust.Trust;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.UntrustedEvent;
import io.jamesbounce.store.dashboard.DashboardData.DomainHour;
import io.jamesbounce.store.dashboard.DashboardData.RecordedState;
import io.jamesbounce.store.dashboard.DashboardData.ReportHour;
import io.jamesbounce.store.dashboard.DashboardData.SuppressionCount;

/** What the dashboard reads, on each database the store runs on (a migrated, empty store per test). */
interface DashboardDataContract {
    Instant T = Instant.parse("2025-03-01T10:00:00Z");

    DataSource dataSource();

    private static RateIncrement increment(String domain, Instant at, long attempts, Map<Category, Long> bounces) {
        return new RateIncrement(domain, at, attempts, bounces);
    }

    @Test
    default void theMinuteCountsAreSummedPerHourAndKeptAWeekLongerThanTheMinutes() {
        JdbcDomainStatsRepository rates = new JdbcDomainStatsRepository(dataSource());
        rates.add(new RateBatch(List.of(
            increment("a.example", T.plus(Duration.ofMinutes(5)), 10, Map.of(Category.USER_UNKNOWN, 1L)),
            increment("a.example", T.plus(Duration.ofMinutes(50)), 20, Map.of(Category.USER_UNKNOWN, 2L, Category.BLOCKED, 1L)),
            increment("a.example", T.plus(Duration.ofMinutes(65)), 5, Map.of()),
            increment("b.example", T.plus(Duration.ofMinutes(5)), 7, Map.of())), List.of()));
        // a second flush into the same hour adds to it
        rates.add(new RateBatch(List.of(increment("a.example", T.plus(Duration.ofMinutes(59)), 1, Map.of())), List.of()));
        JdbcDashboardData data = new JdbcDashboardData(dataSource());

        List<String> both = List.of("a.example", "b.example");
        assertThat(data.domainHours(both, T, T.plus(Duration.ofHours(2)))).containsExactly(
            new DomainHour(T, new WindowCounts("a.example", 31, Map.of(Category.USER_UNKNOWN, 3L, Category.BLOCKED, 1L))),
            new DomainHour(T.plus(Duration.ofHours(1)), new WindowCounts("a.example", 5, Map.of())),
            new DomainHour(T, new WindowCounts("b.example", 7, Map.of())));
        assertThat(data.domainHours(both, T.plus(Duration.ofHours(1)), T.plus(Duration.ofHours(2)))).extracting(DomainHour::domain)
            .containsExactly("a.example");
        assertThat(data.domainHours(List.of("b.example"), T, T.plus(Duration.ofHours(2)))).extracting(DomainHour::domain)
            .containsExactly("b.example");
        assertThat(data.domainTotals(T, T.plus(Duration.ofHours(2)))).containsExactly(
            new WindowCounts("a.example", 36, Map.of(Category.USER_UNKNOWN, 3L, Category.BLOCKED, 1L)),
            new WindowCounts("b.example", 7, Map.of()));

        rates.purgeBefore(T.plus(Duration.ofDays(1)));
        assertThat(data.domainHours(both, T, T.plus(Duration.ofHours(2)))).hasSize(3);
        rates.purgeBefore(T.plus(Duration.ofDays(8)));
        assertThat(data.domainHours(both, T, T.plus(Duration.ofHours(2)))).isEmpty();
    }

    @Test
    default void theNextSendSlotOfEachThrottledDomainIsRead() {
        JdbcDomainStatsRepository rates = new JdbcDomainStatsRepository(dataSource());
        rates.reserveSlot("a.example", T, Duration.ofSeconds(1));
        rates.reserveSlot("a.example", T, Duration.ofSeconds(1));

        assertThat(new JdbcDashboardData(dataSource()).nextSendSlots()).containsExactly(Map.entry("a.example", T.plusSeconds(2)));
    }

    @Test
    default void recordedStatesAreRead() {
        new JdbcDomainStatsRepository(dataSource()).claimStateChange("a.example", DomainState.NORMAL, DomainState.CRITICAL, T);

        assertThat(new JdbcDashboardData(dataSource()).domainStates())
            .containsExactly(new RecordedState("a.example", DomainState.CRITICAL, T));
    }

    @Test
    default void suppressionsAreCountedPerUtcDayAndInForce() {
        JdbcSuppressionRepository store = new JdbcSuppressionRepository(dataSource());
        store.suppress(Suppression.of(AddressKey.of("a@x.example"), Category.USER_UNKNOWN, EventSource.DSN, "r", T, Optional.empty()));
        store.suppress(Suppression.of(AddressKey.of("b@x.example"), Category.USER_UNKNOWN, EventSource.DSN, "r",
            T.plus(Duration.ofHours(15)), Optional.empty()));
        store.suppress(Suppression.of(AddressKey.of("c@x.example"), Category.COMPLAINT, EventSource.ARF, "r", T, Optional.empty()));
        store.suppress(Suppression.of(AddressKey.of("d@x.example"), Category.MAILBOX_FULL, EventSource.DSN, "r", T,
            Optional.of(T.plus(Duration.ofHours(1)))));
        JdbcDashboardData data = new JdbcDashboardData(dataSource());
        LocalDate day = LocalDate.parse("2025-03-01");

        // the 15 h later one made after midnight UTC: the next day; the mailbox-full one expired by then
        assertThat(data.suppressions(T.plus(Duration.ofHours(2)))).containsExactlyInAnyOrder(
            new SuppressionCount(day, Category.USER_UNKNOWN, EventSource.DSN, true, 1),
            new SuppressionCount(day.plusDays(1), Category.USER_UNKNOWN, EventSource.DSN, true, 1),
            new SuppressionCount(day, Category.COMPLAINT, EventSource.ARF, true, 1),
            new SuppressionCount(day, Category.MAILBOX_FULL, EventSource.DSN, false, 1));
        assertThat(data.newestSuppressions(2)).extracting(s -> s.address().value()).containsExactly("b@x.example", "a@x.example");
    }

    @Test
    default void reportsAreCountedPerHourOfReceiptOnceEachTheUntrustedApart() {
        JdbcSuppressionRepository store = new JdbcSuppressionRepository(dataSource());
        // reports dated days ago, received now: counted in the hour they were received
        Instant now = Instant.now();
        store.recordEvent(BounceEvent.bare("<r1@mx>", AddressKey.of("a@x.example"), T, EventSource.DSN, Category.USER_UNKNOWN, "r"));
        // one report naming two recipients is one report
        store.recordEvent(BounceEvent.bare("<r1@mx>", AddressKey.of("b@x.example"), T, EventSource.DSN, Category.USER_UNKNOWN, "r"));
        store.recordEvent(BounceEvent.bare("<c1@fbl>", AddressKey.of("a@x.example"), T, EventSource.ARF, Category.COMPLAINT, "r"));
        JdbcUntrustedEventLog.existing(dataSource()).record(new UntrustedEvent(BounceEvent.bare("<f@x>", AddressKey.of("c@x.example"), T,
            EventSource.DSN, Category.USER_UNKNOWN, "r"), Trust.Reason.SIGNATURE_INVALID, "forged", now));

        List<ReportHour> hours = new JdbcDashboardData(dataSource()).reportsPerHour(now.minus(Duration.ofHours(2)), now.plus(Duration.ofHours(2)));

        assertThat(hours).extracting(h -> h.source() + (h.untrusted() ? " untrusted " : " ") + h.reports())
            .containsExactlyInAnyOrder("DSN 1", "ARF 1", "DSN untrusted 1");
        assertThat(hours).allSatisfy(h -> assertThat(h.hour()).isEqualTo(h.hour().truncatedTo(java.time.temporal.ChronoUnit.HOURS))
            .isBetween(now.minus(Duration.ofHours(2)), now));
        assertThat(new JdbcDashboardData(dataSource()).reportsPerHour(T, T.plus(Duration.ofHours(2)))).isEmpty();
    }
}
