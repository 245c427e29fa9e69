package io.jamesbounce.core.rates;

import static io.jamesbounce.core.rates.Figures.DOMAIN;
import static io.jamesbounce.core.rates.Figures.hardBounces;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.testing.MutableClock;

class ThrottleTest {
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");

    private MutableClock clock;
    private DomainRateMonitor monitor;
    private Throttle throttle;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        monitor = new DomainRateMonitor(RateSettings.defaults(), clock);
        throttle = new Throttle(monitor);
    }

    @Test
    void aDomainThatIsNotThrottledShouldAlwaysBeAllowed() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(throttle.decide(DOMAIN, START).allowed()).isTrue();
        }
    }

    @Test
    void aWarningShouldNotThrottle() {
        monitor.evaluate(List.of(hardBounces(1000, 25)));

        assertThat(throttle.decide(DOMAIN, START)).isEqualTo(ThrottleDecision.allow());
    }

    @Test
    void aThrottledDomainShouldGetItsBurstThenHoldEachMessageUntilASlotOfItsOwn() {
        monitor.evaluate(List.of(hardBounces(1000, 60)));

        for (int i = 0; i < 5; i++) {
            assertThat(throttle.decide(DOMAIN, START).allowed()).as("message %d of the burst", i).isTrue();
        }

        assertThat(throttle.decide(DOMAIN, START).retryAt()).hasValue(START.plusSeconds(1));
        assertThat(throttle.decide(DOMAIN, START).retryAt()).as("the next one waits one slot more").hasValue(START.plusSeconds(2));
        assertThat(throttle.decide(DOMAIN, START.plusSeconds(1)).retryAt()).as("the first slot is taken").hasValue(START.plusSeconds(3));
    }

    @Test
    void aHeldMessageShouldGoAtItsSlotAndNotBefore() {
        monitor.evaluate(List.of(hardBounces(1000, 60)));
        for (int i = 0; i < 5; i++) {
            throttle.decide(DOMAIN, START);
        }
        Instant slot = throttle.decide(DOMAIN, START).retryAt().orElseThrow();

        assertThat(throttle.admit(DOMAIN, slot, START.plusMillis(999))).isEqualTo(ThrottleDecision.holdUntil(slot));
        assertThat(throttle.admit(DOMAIN, slot, slot).allowed()).isTrue();
        assertThat(throttle.decide(DOMAIN, slot).retryAt()).as("admitting reserves nothing more").hasValue(START.plusSeconds(2));
    }

    @Test
    void messagesWaitingForTheirSlotsShouldDrainAtTheDomainsRate() {
        monitor.evaluate(List.of(hardBounces(1000, 60)));
        List<Instant> sent = new ArrayList<>();
        // a message every 100 ms for ten minutes; each held one goes at its slot
        for (Instant t = START; t.isBefore(START.plus(Duration.ofMinutes(10))); t = t.plusMillis(100)) {
            ThrottleDecision decision = throttle.decide(DOMAIN, t);
            Instant at = decision.allowed() ? t : decision.retryAt().orElseThrow();
            assertThat(throttle.admit(DOMAIN, at, at).allowed()).isTrue();
            sent.add(at);
        }

        assertThat(sent).hasSize(6000).isSorted();
        assertThat(sent.stream().filter(t -> !t.isAfter(START.plus(Duration.ofMinutes(10))))).as("the burst, then one a second").hasSize(5 + 600);
        assertThat(sent.getLast()).as("the last of 6,000 at 60 a minute").isEqualTo(START.plusSeconds(6000 - 5));
    }

    @Test
    void aCriticalDomainShouldGetTheCriticalRate() {
        monitor.evaluate(List.of(hardBounces(1000, 200)));
        int sentWithinTenMinutes = 0;
        for (Instant t = START; t.isBefore(START.plus(Duration.ofMinutes(10))); t = t.plusSeconds(1)) {
            Instant at = throttle.decide(DOMAIN, t).retryAt().orElse(t);
            if (!at.isAfter(START.plus(Duration.ofMinutes(10)))) {
                sentWithinTenMinutes++;
            }
        }

        assertThat(sentWithinTenMinutes).as("the burst, then one every ten seconds").isEqualTo(5 + 60);
    }

    @Test
    void aReleasedDomainShouldBeAllowedAgainAtOnceHeldMessagesIncluded() {
        monitor.evaluate(List.of(hardBounces(1000, 60)));
        Instant lastSlot = START;
        for (int i = 0; i < 10; i++) {
            lastSlot = throttle.decide(DOMAIN, START).retryAt().orElse(lastSlot);
        }

        monitor.release(DOMAIN, "postmaster@example.org", "fixed");

        assertThat(throttle.decide(DOMAIN, START).allowed()).isTrue();
        assertThat(throttle.admit(DOMAIN, lastSlot, START).allowed()).as("brought forward").isTrue();
    }

    @Test
    void otherDomainsShouldNotBeHeldByAThrottledOne() {
        monitor.evaluate(List.of(hardBounces(1000, 60)));
        for (int i = 0; i < 10; i++) {
            throttle.decide(DOMAIN, START);
        }

        assertThat(throttle.decide("example.net", START).allowed()).isTrue();
    }
}
