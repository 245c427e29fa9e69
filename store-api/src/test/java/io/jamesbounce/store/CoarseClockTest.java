package io.jamesbounce.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.testing.MutableClock;

class CoarseClockTest {
    @Test
    void aClockOfAnotherKindIsReadAsItIsSoThatMovingItTakesEffectAtOnce() {
        MutableClock moved = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
        Clock fixed = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);

        assertThat(CoarseClock.forFrequentReads(moved)).isSameAs(moved);
        assertThat(CoarseClock.forFrequentReads(fixed)).isSameAs(fixed);
        assertThat(CoarseClock.forFrequentReads(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)))).isNotInstanceOf(CoarseClock.class);
    }

    @Test
    void theSystemClockBecomesACoarseOneInItsZone() {
        ZoneId paris = ZoneId.of("Europe/Paris");

        assertThat(CoarseClock.forFrequentReads(Clock.systemUTC())).isInstanceOf(CoarseClock.class)
            .extracting(Clock::getZone).isEqualTo(ZoneOffset.UTC);
        assertThat(CoarseClock.forFrequentReads(Clock.system(paris))).isInstanceOf(CoarseClock.class)
            .extracting(Clock::getZone).isEqualTo(paris);
        assertThat(CoarseClock.forFrequentReads(Clock.systemUTC()).withZone(paris).getZone()).isEqualTo(paris);
    }

    @Test
    void itTellsTheSystemTimeAsLastReadNeverAheadAndKeepsUp() throws InterruptedException {
        Clock coarse = CoarseClock.forFrequentReads(Clock.systemUTC());
        long before = System.currentTimeMillis();
        long read = coarse.millis();
        long after = System.currentTimeMillis();

        assertThat(read).isLessThanOrEqualTo(after);
        assertThat(coarse.instant().toEpochMilli()).isLessThanOrEqualTo(System.currentTimeMillis());
        // the ticker runs every 10 ms; a generous bound, so that a saturated build machine does not fail it
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (coarse.millis() < before + 50 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(coarse.millis()).isGreaterThanOrEqualTo(before + 50);
    }
}
