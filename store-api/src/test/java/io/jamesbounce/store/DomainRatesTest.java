package io.jamesbounce.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.rates.DomainFigures;
import io.jamesbounce.core.rates.DomainReport;
import io.jamesbounce.core.rates.DomainState;
import io.jamesbounce.core.rates.DomainStateChange;
import io.jamesbounce.core.rates.RateBatch;
import io.jamesbounce.core.rates.RateSettings;
import io.jamesbounce.core.rates.StatusSpread;
import io.jamesbounce.core.rates.ThrottleDecision;
import io.jamesbounce.core.rates.WindowCounts;
import io.jamesbounce.core.testing.MutableClock;

/** The service end to end on the memory store: two servers counting, one store, figures and states. */
class DomainRatesTest {
    private static final Instant START = Instant.parse("2025-03-01T08:00:10Z");

    private MutableClock clock;
    private MemoryDomainStatsRepository store;
    private DomainRates server1;
    private DomainRates server2;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        store = new MemoryDomainStatsRepository();
        server1 = new DomainRates(store, RateSettings.defaults(), clock);
        server2 = new DomainRates(store, RateSettings.defaults(), clock);
    }

    private static void send(DomainRates server, String domain, int attempts, int unknownUsers) {
        for (int i = 0; i < attempts; i++) {
            server.recordAttempt(domain);
        }
        for (int i = 0; i < unknownUsers; i++) {
            server.recordBounce(AddressKey.of("u" + i + "@" + domain), Category.USER_UNKNOWN, Optional.of(EnhancedStatus.of("5.1.1")), DomainRates.ownDelivery(AddressKey.of("u" + i + "@" + domain)));
        }
    }

    @Test
    void figuresShouldAddUpWhatEveryServerFlushed() {
        send(server1, "example.com", 600, 30);
        send(server2, "example.com", 400, 22);
        server1.flush();
        server2.flush();

        List<DomainFigures> figures = server1.figures();

        assertThat(figures).singleElement().satisfies(f -> {
            assertThat(f.shortWindow().attempts()).isEqualTo(1000);
            assertThat(f.rateWindow().bounces(Category.USER_UNKNOWN)).isEqualTo(52);
            assertThat(f.baseline().attempts()).isEqualTo(1000);
        });
    }

    @Test
    void evaluateShouldThrottleADomainOverTheThresholdOnEveryServer() {
        send(server1, "example.com", 1000, 52);
        server1.flush();

        List<DomainStateChange> changes = server2.evaluate();

        assertThat(changes).extracting(DomainStateChange::to).containsExactly(DomainState.THROTTLED);
        assertThat(server2.monitor().perMinute("example.com")).hasValue(60);
        assertThat(server1.evaluate()).extracting(DomainStateChange::to).containsExactly(DomainState.THROTTLED);
    }

    @Test
    void decideShouldHoldMailToAThrottledDomainOnly() {
        send(server1, "example.com", 1000, 52);
        server1.flush();
        server1.evaluate();

        for (int i = 0; i < 5; i++) {
            assertThat(server1.decide("example.com").allowed()).isTrue();
        }
        assertThat(server1.decide("example.com").retryAt()).hasValue(START.plusSeconds(1));
        assertThat(server1.decide("example.net").allowed()).isTrue();
    }

    @Test
    void serversSharingAStoreShouldTakeSlotsFromOneSchedule() {
        send(server1, "example.com", 1000, 52);
        server1.flush();
        server1.evaluate();
        server2.evaluate();

        for (int i = 0; i < 5; i++) {
            assertThat((i % 2 == 0 ? server1 : server2).decide("example.com").allowed()).isTrue();
        }

        assertThat(server2.decide("example.com").retryAt()).hasValue(START.plusSeconds(1));
        assertThat(server1.decide("example.com").retryAt()).hasValue(START.plusSeconds(2));
        assertThat(server2.admit("example.com", START.plusSeconds(2))).isEqualTo(ThrottleDecision.holdUntil(START.plusSeconds(2)));
    }

    @Test
    void afterAReleaseTheNextThrottleIsAlertedAgainAndStartsAFreshSchedule() {
        send(server1, "example.com", 1000, 52);
        server1.flush();
        assertThat(server1.claim(server1.evaluate().getFirst())).isTrue();
        for (int i = 0; i < 50; i++) {
            server1.decide("example.com"); // slots reserved far ahead
        }

        server1.release("example.com", "ops", "list cleaned");
        clock.advance(RateSettings.defaults().releaseGrace().plusMinutes(1));
        send(server1, "example.com", 1000, 60);
        server1.flush();
        DomainStateChange again = server1.evaluate().getFirst();

        assertThat(again.to()).isEqualTo(DomainState.THROTTLED);
        assertThat(server1.claim(again)).as("a new throttle, a new alert").isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(server1.decide("example.com").allowed()).as("a fresh schedule: the burst again").isTrue();
        }
    }

    @Test
    void onlyTheFirstServerToSeeAChangeShouldAlert() {
        send(server1, "example.com", 1000, 52);
        server1.flush();

        DomainStateChange seenBy1 = server1.evaluate().getFirst();
        DomainStateChange seenBy2 = server2.evaluate().getFirst();

        assertThat(server1.claim(seenBy1)).isTrue();
        assertThat(server2.claim(seenBy2)).isFalse();
    }

    @Test
    void countsShouldLeaveTheWindowsAsTimePasses() {
        send(server1, "example.com", 1000, 52);
        server1.flush();
        clock.advance(Duration.ofMinutes(16));

        DomainFigures f = server1.figures().getFirst();

        assertThat(f.shortWindow().attempts()).isZero();
        assertThat(f.rateWindow().attempts()).isEqualTo(1000);
        clock.advance(Duration.ofHours(1));
        assertThat(server1.figures().getFirst().rateWindow().attempts()).isZero();
        clock.advance(Duration.ofHours(23));
        assertThat(server1.figures()).isEmpty();
    }

    @Test
    void purgeShouldDropWhatNoWindowReadsAnyMore() {
        send(server1, "example.com", 10, 0);
        server1.flush();
        clock.advance(Duration.ofHours(24));
        assertThat(server1.purge()).isZero();

        clock.advance(Duration.ofMinutes(2));

        assertThat(server1.purge()).isEqualTo(1);
    }

    @Test
    void theSameBlockFromManyRecipientsOnTwoServersShouldBeAReputationSignal() {
        for (int i = 0; i < 200; i++) {
            (i % 2 == 0 ? server1 : server2).recordAttempt("example.com");
        }
        for (int i = 0; i < 10; i++) {
            DomainRates server = i % 2 == 0 ? server1 : server2;
            server.recordBounce(AddressKey.of("user" + i + "@example.com"), Category.BLOCKED, Optional.of(EnhancedStatus.of("4.7.0")), DomainRates.ownDelivery(AddressKey.of("user" + i + "@example.com")));
        }
        server1.flush();
        server2.flush();

        assertThat(server1.figures().getFirst().spreads())
            .containsExactly(new StatusSpread("example.com", EnhancedStatus.of("4.7.0"), 10, 10));
        assertThat(server1.evaluate()).extracting(DomainStateChange::to).containsExactly(DomainState.THROTTLED);
    }

    @Test
    void theReportShouldShowFiguresAndStates() {
        send(server1, "example.com", 1000, 52);
        send(server1, "example.net", 200, 0);
        server1.flush();
        server1.evaluate();

        DomainReport report = server1.report();

        assertThat(report.rows()).extracting(DomainReport.Row::domain).containsExactly("example.com", "example.net");
        assertThat(report.rows()).extracting(DomainReport.Row::state).containsExactly(DomainState.THROTTLED, DomainState.NORMAL);
    }

    @Test
    void releaseShouldNormaliseTheDomainAsWritten() {
        send(server1, "example.com", 1000, 52);
        server1.flush();
        server1.evaluate();

        assertThat(server1.release("Example.COM.", "postmaster@example.org", "cleaned")).isPresent();
        assertThat(server1.monitor().stateOf("example.com")).isEqualTo(DomainState.NORMAL);
    }

    @Nested
    class StoreDown {
        private boolean down;

        @BeforeEach
        void failingStore() {
            DomainStatsRepository flaky = new DomainStatsRepository() {
                @Override
                public void add(RateBatch batch) {
                    if (down) {
                        throw new IllegalStateException("store unreachable");
                    }
                    store.add(batch);
                }

                @Override
                public List<WindowCounts> counts(Instant from, Instant to) {
                    return store.counts(from, to);
                }

                @Override
                public List<StatusSpread> spreads(Instant from, Instant to) {
                    return store.spreads(from, to);
                }

                @Override
                public Instant reserveSlot(String domain, Instant earliest, Duration interval) {
                    if (down) {
                        throw new IllegalStateException("store unreachable");
                    }
                    return store.reserveSlot(domain, earliest, interval);
                }

                @Override
                public void forgetSlots(String domain) {
                    if (down) {
                        throw new IllegalStateException("store unreachable");
                    }
                    store.forgetSlots(domain);
                }

                @Override
                public boolean claimStateChange(String domain, DomainState from, DomainState to, Instant at) {
                    if (down) {
                        throw new IllegalStateException("store unreachable");
                    }
                    return store.claimStateChange(domain, from, to, at);
                }

                @Override
                public long purgeBefore(Instant before) {
                    return store.purgeBefore(before);
                }
            };
            server1 = new DomainRates(flaky, RateSettings.defaults(), clock);
        }

        @Test
        void aFailedFlushShouldKeepItsCountsForTheNextOne() {
            down = true;
            send(server1, "example.com", 10, 1);
            assertThat(server1.flush()).isZero();
            send(server1, "example.com", 5, 0);

            down = false;

            assertThat(server1.flush()).isEqualTo(15);
            assertThat(store.counts(START.minusSeconds(60), START.plusSeconds(60)))
                .extracting(WindowCounts::attempts).containsExactly(15L);
        }

        @Test
        void aThrottledDomainShouldStillBeScheduledByThisServerAlone() {
            send(server1, "example.com", 1000, 52);
            server1.flush();
            server1.evaluate();
            down = true;

            for (int i = 0; i < 5; i++) {
                assertThat(server1.decide("example.com").allowed()).isTrue();
            }
            assertThat(server1.decide("example.com").retryAt()).hasValue(START.plusSeconds(1));
        }

        @Test
        void aChangeThatCannotBeClaimedShouldBeAlertedByThisServer() {
            send(server1, "example.com", 1000, 52);
            server1.flush();
            down = true;

            assertThat(server1.evaluate()).singleElement().satisfies(change -> assertThat(server1.claim(change)).isTrue());
        }
    }
}
