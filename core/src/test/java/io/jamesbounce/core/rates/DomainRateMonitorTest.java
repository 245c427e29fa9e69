package io.jamesbounce.core.rates;

import static io.jamesbounce.core.rates.Figures.DOMAIN;
import static io.jamesbounce.core.rates.Figures.counts;
import static io.jamesbounce.core.rates.Figures.hardBounces;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.testing.MutableClock;

class DomainRateMonitorTest {
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final Duration EVERY_MINUTE = Duration.ofMinutes(1);

    private MutableClock clock;
    private RateSettings settings;
    private DomainRateMonitor monitor;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        settings = RateSettings.defaults();
        monitor = new DomainRateMonitor(settings, clock);
    }

    /** Evaluates the same figures once a minute for {@code times} minutes; returns every change. */
    private List<DomainStateChange> everyMinute(int times, DomainFigures figures) {
        List<DomainStateChange> changes = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            changes.addAll(monitor.evaluate(List.of(figures)));
            clock.advance(EVERY_MINUTE);
        }
        return changes;
    }

    private List<DomainStateChange> once(DomainFigures figures) {
        return monitor.evaluate(List.of(figures));
    }

    @Nested
    class HardBounceThresholds {
        @Test
        void aRateUnderTheWarningThresholdShouldChangeNothing() {
            assertThat(everyMinute(10, hardBounces(1000, 19))).isEmpty();
            assertThat(monitor.stateOf(DOMAIN)).isEqualTo(DomainState.NORMAL);
        }

        @Test
        void crossingTheWarningThresholdShouldRaiseExactlyOneAlertAndNoThrottle() {
            List<DomainStateChange> changes = everyMinute(10, hardBounces(1000, 20));

            assertThat(changes).singleElement().satisfies(change -> {
                assertThat(change.from()).isEqualTo(DomainState.NORMAL);
                assertThat(change.to()).isEqualTo(DomainState.WARNING);
                assertThat(change.cause()).isEqualTo(ChangeCause.ESCALATED);
                assertThat(change.perMinute()).isEmpty();
                assertThat(change.triggers()).singleElement().satisfies(t -> {
                    assertThat(t.kind()).isEqualTo(TriggerKind.HARD_RATE);
                    assertThat(t.rate()).isEqualTo(0.02);
                    assertThat(t.threshold()).isEqualTo(0.02);
                    assertThat(t.count()).isEqualTo(20);
                    assertThat(t.attempts()).isEqualTo(1000);
                    assertThat(t.window()).isEqualTo(Duration.ofHours(1));
                });
            });
            assertThat(monitor.perMinute(DOMAIN)).isEmpty();
        }

        @Test
        void crossingTheBadThresholdShouldRaiseExactlyOneAlertAndOneThrottle() {
            List<DomainStateChange> changes = everyMinute(10, hardBounces(1000, 52));

            assertThat(changes).singleElement().satisfies(change -> {
                assertThat(change.to()).isEqualTo(DomainState.THROTTLED);
                assertThat(change.perMinute()).hasValue(60);
            });
            assertThat(monitor.perMinute(DOMAIN)).hasValue(60);
        }

        @Test
        void crossingTheCriticalThresholdShouldThrottleToTheCriticalRate() {
            List<DomainStateChange> changes = everyMinute(3, hardBounces(1000, 100));

            assertThat(changes).singleElement().satisfies(change -> {
                assertThat(change.to()).isEqualTo(DomainState.CRITICAL);
                assertThat(change.perMinute()).hasValue(6);
            });
        }

        @Test
        void climbingThroughEachThresholdShouldRaiseOneChangePerThreshold() {
            List<DomainStateChange> changes = new ArrayList<>();
            changes.addAll(everyMinute(3, hardBounces(1000, 25)));
            changes.addAll(everyMinute(3, hardBounces(1000, 60)));
            changes.addAll(everyMinute(3, hardBounces(1000, 120)));

            assertThat(changes).extracting(DomainStateChange::to)
                .containsExactly(DomainState.WARNING, DomainState.THROTTLED, DomainState.CRITICAL);
            assertThat(changes).allMatch(DomainStateChange::isEscalation);
        }

        @Test
        void lowVolumeShouldNeverTriggerWhateverTheRate() {
            assertThat(everyMinute(10, hardBounces(99, 99))).isEmpty();
            assertThat(monitor.stateOf(DOMAIN)).isEqualTo(DomainState.NORMAL);
        }

        @Test
        void theMinimumVolumeShouldBeConfigurable() {
            monitor = new DomainRateMonitor(settings.withMinimumAttempts(10), clock);

            assertThat(once(hardBounces(10, 1))).extracting(DomainStateChange::to).containsExactly(DomainState.CRITICAL);
        }
    }

    @Nested
    class CoolDown {
        @BeforeEach
        void throttle() {
            assertThat(once(hardBounces(1000, 60))).hasSize(1);
            clock.advance(EVERY_MINUTE);
        }

        @Test
        void stayingAboveTheThresholdShouldNotRepeatTheAlert() {
            assertThat(everyMinute(120, hardBounces(1000, 60))).isEmpty();
            assertThat(monitor.stateOf(DOMAIN)).isEqualTo(DomainState.THROTTLED);
        }

        @Test
        void fallingBackShouldReleaseAfterTheCoolDownAndNotBefore() {
            Instant calmFrom = clock.instant();
            // 30 evaluations a minute apart span 29 minutes: still inside the 30-minute cool-down
            assertThat(everyMinute(30, hardBounces(1000, 5))).isEmpty();
            assertThat(monitor.stateOf(DOMAIN)).isEqualTo(DomainState.THROTTLED);

            List<DomainStateChange> changes = once(hardBounces(1000, 5));

            assertThat(clock.instant()).isEqualTo(calmFrom.plus(settings.coolDown()));
            assertThat(changes).singleElement().satisfies(change -> {
                assertThat(change.from()).isEqualTo(DomainState.THROTTLED);
                assertThat(change.to()).isEqualTo(DomainState.NORMAL);
                assertThat(change.cause()).isEqualTo(ChangeCause.COOLED_DOWN);
                assertThat(change.perMinute()).isEmpty();
            });
            assertThat(monitor.perMinute(DOMAIN)).isEmpty();
        }

        @Test
        void aRelapseDuringTheCoolDownShouldStartItAgain() {
            everyMinute(20, hardBounces(1000, 5));
            everyMinute(1, hardBounces(1000, 60));

            assertThat(everyMinute(30, hardBounces(1000, 5))).isEmpty();
            assertThat(once(hardBounces(1000, 5))).extracting(DomainStateChange::to).containsExactly(DomainState.NORMAL);
        }

        @Test
        void fallingToTheWarningBandShouldStepDownToWarningOnly() {
            everyMinute(30, hardBounces(1000, 30));

            assertThat(once(hardBounces(1000, 30))).singleElement().satisfies(change -> {
                assertThat(change.to()).isEqualTo(DomainState.WARNING);
                assertThat(change.triggers()).extracting(Trigger::demands).containsExactly(DomainState.WARNING);
            });
        }

        @Test
        void theCoolDownShouldStepDownToTheHighestStateAskedForDuringIt() {
            everyMinute(15, hardBounces(1000, 30));
            everyMinute(15, hardBounces(1000, 5));

            assertThat(once(hardBounces(1000, 5))).extracting(DomainStateChange::to).containsExactly(DomainState.WARNING);
        }

        @Test
        void aDomainThatStopsReceivingMailShouldCoolDownToo() {
            List<DomainStateChange> changes = new ArrayList<>();
            for (int i = 0; i <= 30; i++) {
                changes.addAll(monitor.evaluate(List.of()));
                clock.advance(EVERY_MINUTE);
            }

            assertThat(changes).extracting(DomainStateChange::to).containsExactly(DomainState.NORMAL);
            assertThat(monitor.states()).isEmpty();
        }
    }

    @Nested
    class Spikes {
        // 24 hours at 1% soft bounces, 15 minutes at 8%
        private DomainFigures softSpike(long baselineSoftPerTenThousand) {
            WindowCounts recent = counts(DOMAIN, 1000, Category.MAILBOX_FULL, 80);
            WindowCounts before = counts(DOMAIN, 50_000, Category.MAILBOX_FULL, 5 * baselineSoftPerTenThousand);
            return Figures.of(DOMAIN).shortWindow(recent).rateWindow(recent).baseline(before.plus(recent)).at(START);
        }

        @Test
        void aSoftRateJumpingWellAboveItsBaselineShouldThrottle() {
            assertThat(once(softSpike(100))).singleElement().satisfies(change -> {
                assertThat(change.to()).isEqualTo(DomainState.THROTTLED);
                assertThat(change.triggers()).singleElement().satisfies(t -> {
                    assertThat(t.kind()).isEqualTo(TriggerKind.SOFT_SPIKE);
                    assertThat(t.rate()).isEqualTo(0.08);
                    assertThat(t.baselineRate()).hasValue(0.01);
                    assertThat(t.threshold()).isEqualTo(0.05);
                    assertThat(t.window()).isEqualTo(Duration.ofMinutes(15));
                });
            });
        }

        @Test
        void theSameRateOverAHighBaselineShouldNotTrigger() {
            assertThat(once(softSpike(800))).isEmpty();
        }

        @Test
        void aRiseBelowTheAbsoluteFloorShouldNotTrigger() {
            WindowCounts recent = counts(DOMAIN, 1000, Category.MAILBOX_FULL, 40);
            WindowCounts before = counts(DOMAIN, 50_000, Category.MAILBOX_FULL, 50);

            assertThat(once(Figures.of(DOMAIN).shortWindow(recent).rateWindow(recent).baseline(before.plus(recent)).at(START)))
                .isEmpty();
        }

        @Test
        void aBlockRateJumpingAboveItsBaselineShouldThrottle() {
            WindowCounts recent = counts(DOMAIN, 1000, Category.BLOCKED, 60, Category.SPAM, 20);
            WindowCounts before = counts(DOMAIN, 50_000, Category.BLOCKED, 500);

            assertThat(once(Figures.of(DOMAIN).shortWindow(recent).rateWindow(recent).baseline(before.plus(recent)).at(START)))
                .singleElement()
                .satisfies(change -> assertThat(change.triggers()).extracting(Trigger::kind).containsExactly(TriggerKind.BLOCK_SPIKE));
        }

        @Test
        void aSpikeOnLowVolumeShouldNotTrigger() {
            WindowCounts recent = counts(DOMAIN, 50, Category.MAILBOX_FULL, 25);

            assertThat(once(Figures.of(DOMAIN).shortWindow(recent).rateWindow(recent).baseline(recent).at(START))).isEmpty();
        }
    }

    @Nested
    class Reputation {
        private DomainFigures refused(long recipients) {
            WindowCounts w = counts(DOMAIN, 5000, Category.BLOCKED, recipients);
            WindowCounts day = counts(DOMAIN, 100_000, Category.BLOCKED, 2000);
            return Figures.of(DOMAIN).shortWindow(w).rateWindow(w).baseline(day).spread("4.7.0", recipients).at(START);
        }

        @Test
        void theSameBlockFromManyDistinctRecipientsShouldThrottle() {
            assertThat(once(refused(10))).singleElement().satisfies(change -> {
                assertThat(change.to()).isEqualTo(DomainState.THROTTLED);
                assertThat(change.triggers()).singleElement().satisfies(t -> {
                    assertThat(t.kind()).isEqualTo(TriggerKind.REPUTATION);
                    assertThat(t.status()).map(Object::toString).hasValue("4.7.0");
                    assertThat(t.count()).isEqualTo(10);
                });
            });
        }

        @Test
        void fewerRecipientsThanTheThresholdShouldNotTrigger() {
            assertThat(once(refused(9))).isEmpty();
        }

        @Test
        void manyRecipientsToldByOneReporterShouldNotTrigger() {
            // ten mailboxes of one provider, answered with signed 5.7.1 DSNs from one forger's network (issue #15)
            WindowCounts w = counts(DOMAIN, 5000, Category.BLOCKED, 10);
            WindowCounts day = counts(DOMAIN, 100_000, Category.BLOCKED, 2000);

            assertThat(once(Figures.of(DOMAIN).shortWindow(w).rateWindow(w).baseline(day).spread("5.7.1", 10, 1).at(START))).isEmpty();
        }

        @Test
        void aReputationSignalOnFewAttemptsShouldNotTrigger() {
            // the old trigger ignored minimum-attempts: ten refusals in ten attempts throttled a domain
            WindowCounts w = counts(DOMAIN, 10, Category.BLOCKED, 10);

            assertThat(once(Figures.of(DOMAIN).shortWindow(w).rateWindow(w).baseline(w).spread("4.7.0", 10).at(START))).isEmpty();
        }
    }

    @Nested
    class OperatorRelease {
        @BeforeEach
        void throttle() {
            once(hardBounces(1000, 60));
            clock.advance(EVERY_MINUTE);
        }

        @Test
        void aReleaseShouldSetTheDomainBackToNormalAtOnce() {
            Optional<DomainStateChange> change = monitor.release(DOMAIN, "postmaster@example.org", "list cleaned");

            assertThat(change).hasValueSatisfying(c -> {
                assertThat(c.from()).isEqualTo(DomainState.THROTTLED);
                assertThat(c.to()).isEqualTo(DomainState.NORMAL);
                assertThat(c.cause()).isEqualTo(ChangeCause.RELEASED);
                assertThat(c.actor()).hasValue("postmaster@example.org");
                assertThat(c.reason()).hasValue("list cleaned");
            });
            assertThat(monitor.stateOf(DOMAIN)).isEqualTo(DomainState.NORMAL);
            assertThat(monitor.perMinute(DOMAIN)).isEmpty();
        }

        @Test
        void theFiguresThatEscalatedShouldNotEscalateAgainDuringTheGrace() {
            monitor.release(DOMAIN, "postmaster@example.org", "list cleaned");

            assertThat(everyMinute(15, hardBounces(1000, 60))).isEmpty();
        }

        @Test
        void figuresStillBadAfterTheGraceShouldEscalateAgain() {
            monitor.release(DOMAIN, "postmaster@example.org", "list cleaned");
            clock.advance(settings.releaseGrace());

            assertThat(once(hardBounces(1000, 60))).extracting(DomainStateChange::to).containsExactly(DomainState.THROTTLED);
        }

        @Test
        void releasingANormalDomainShouldChangeNothing() {
            assertThat(monitor.release("example.net", "postmaster@example.org", "why not")).isEmpty();
        }
    }

    @Nested
    class Events {
        @Test
        void anEscalationShouldLogOneLineWithItsFigures() {
            DomainStateChange change = once(hardBounces(1000, 52)).getFirst();

            assertThat(change.logLine()).isEqualTo("domain-rate change domain=example.com from=NORMAL to=THROTTLED "
                + "cause=ESCALATED at=2025-03-01T08:00:00Z throttle=60/min attempts=1000 hard=5.20% soft=0.00% block=0.00% "
                + "triggers=hard-rate=5.20%>=5.00%(52/1000,PT1H)");
        }

        @Test
        void anEscalationAlertShouldSayWhyAndWhatTheServerDoes() {
            DomainStateChange change = once(hardBounces(1000, 52)).getFirst();

            assertThat(change.alertSubject()).isEqualTo("[bounce-rate] example.com is THROTTLED (60 messages/min)");
            assertThat(change.alertText())
                .contains("went from NORMAL to THROTTLED at 2025-03-01T08:00:00Z")
                .contains("hard-bounce rate 5.20% over the last 1 h (52 of 1000 attempts), threshold 5.00% for THROTTLED")
                .contains("limited to 60 messages a minute per server");
        }

        @Test
        void aReleaseShouldLogWhoAndWhy() {
            once(hardBounces(1000, 52));
            DomainStateChange change = monitor.release(DOMAIN, "Jane Doe", "said \"ok\"").orElseThrow();

            assertThat(change.logLine()).endsWith("triggers=none actor=Jane_Doe reason=\"said 'ok'\"");
            assertThat(change.alertText()).contains("Released by Jane Doe: said \"ok\".");
        }

        @Test
        void aReasonWithALineBreakCannotStartALogLineOfItsOwn() {
            once(hardBounces(1000, 52));
            DomainStateChange change = monitor.release(DOMAIN, "ops", "fixed\nINFO suppression removed address=ceo@example.com").orElseThrow();

            assertThat(change.logLine()).doesNotContain("\n").contains("reason=\"fixed\\u000aINFO suppression removed");
        }
    }
}
