package io.jamesbounce.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.testing.MutableClock;

class RotatingBloomFilterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T08:00:00Z"));

    @Test
    void anAddedIdShouldBeFoundWhateverItsBrackets() {
        RotatingBloomFilter filter = new RotatingBloomFilter(1_000, 0.001, Duration.ofDays(1), clock);
        filter.add("<a1@example.com>", "alice@example.org");
        assertThat(filter.mightContain("a1@example.com", "alice@example.org")).isTrue();
        assertThat(filter.mightContain(" <a1@example.com> ", "alice@example.org")).isTrue();
    }

    @Test
    void anIdShouldBeRememberedForOneGenerationAtLeastAndTwoAtMost() {
        RotatingBloomFilter filter = new RotatingBloomFilter(1_000, 0.001, Duration.ofDays(1), clock);
        filter.add("a1@example.com", "alice@example.org");
        clock.advance(Duration.ofHours(36));
        assertThat(filter.mightContain("a1@example.com", "alice@example.org")).isTrue();
        clock.advance(Duration.ofHours(13));
        assertThat(filter.mightContain("a1@example.com", "alice@example.org")).isFalse();
    }

    @Test
    void sizingShouldFollowTheFormula() {
        RotatingBloomFilter filter = new RotatingBloomFilter(1_000_000, 0.001, Duration.ofDays(1), clock);
        assertThat(filter.bits()).isBetween(14_370_000, 14_390_000);
        assertThat(filter.hashes()).isEqualTo(10);
        assertThat(filter.memoryBytes()).isBetween(3_590_000L, 3_600_000L);
    }

    @Test
    void falsePositivesShouldStayNearTheConfiguredRate() {
        RotatingBloomFilter filter = new RotatingBloomFilter(10_000, 0.01, Duration.ofDays(1), clock);
        for (int i = 0; i < 10_000; i++) {
            filter.add("sent-" + i + "@example.com", "alice@example.org");
        }
        int falsePositives = 0;
        for (int i = 0; i < 20_000; i++) {
            if (filter.mightContain("never-" + i + "@example.com", "alice@example.org")) {
                falsePositives++;
            }
        }
        System.out.printf("bloom: %d false positives in 20000 lookups (%.3f%%), configured 1%% per filter%n",
            falsePositives, falsePositives / 200.0);
        assertThat(falsePositives).isLessThan(400);
    }
}
