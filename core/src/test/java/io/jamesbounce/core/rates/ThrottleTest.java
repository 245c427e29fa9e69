package io.jamesbounce.core.rates;

import io.jamesbounce.core.testing.MutableClock;
import static io.jamesbounce.core.rates.Figures.DOMAIN;
import static io.jamesbounce.core.rates.Figures.hardBounces;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
    void aThrottledDomainShouldGetItsBurstThenBeHeldUntilTheNextToken() {
        monitor.evaluate(List.of(hardBounces(1000, 60)));

        for (int i = 0; i < 5; i++) {
            assertThat(throttle.decide(DOMAIN, START).allowed()).as("message %d of the burst", i).isTrue();
        }
        ThrottleDecision held = throttle.decide(DOMAIN, START);

        assertThat(held.allowed()).isFalse();
        assertThat(held.retryAt()).hasValue(START.plusSeconds(1));
        assertThat(throttle.decide(DOMAIN, START.plusMillis(999)).allowed()).isFalse();
        assertThat(throttle.decide(DOMAIN, START.plusSeconds(1)).allowed()).isTrue();
    }

    @Test
    void aThrottledDomainShouldReceiveItsRatePerMinuteOverTime() {
        monitor.evaluate(List.of(hardBounces(1000, 60)));
        int allowed = 0;
        // one attempt every 100 ms for ten minutes
        for (Instant t = START; t.isBefore(START.plus(Duration.ofMinutes(10))); t = t.plusMillis(100)) {
            if (throttle.decide(DOMAIN, t).allowed()) {
                allowed++;
            }
        }

        assertThat(allowed).isEqualTo(5 + 600 - 1);
    }

    @Test
    void aCriticalDomainShouldGetTheCriticalRate() {
        monitor.evaluate(List.of(hardBounces(1000, 200)));
        int allowed = 0;
        for (Instant t = START; t.isBefore(START.plus(Duration.ofMinutes(10))); t = t.plusSeconds(1)) {
            if (throttle.decide(DOMAIN, t).allowed()) {
                allowed++;
            }
        }

        assertThat(allowed).isEqualTo(5 + 60 - 1);
    }

    @Test
    void aReleasedDomainShouldBeAllowedAgainAtOnce() {
        monitor.evaluate(List.of(hardBounces(1000, 60)));
        for (int i = 0; i < 10; i++) {
            throttle.decide(DOMAIN, START);
        }

        monitor.release(DOMAIN, "postmaster@example.org", "fixed");

        assertThat(throttle.decide(DOMAIN, START).allowed()).isTrue();
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
