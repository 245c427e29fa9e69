package io.jamesbounce.core.rates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.testing.MutableClock;

class RateAccumulatorTest {
    private static final Instant START = Instant.parse("2025-03-01T08:00:30Z");
    private static final Instant BUCKET = Instant.parse("2025-03-01T08:00:00Z");

    private MutableClock clock;
    private RateAccumulator accumulator;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        accumulator = new RateAccumulator(RateSettings.defaults(), clock);
    }

    @Test
    void drainShouldHandOverAttemptsAndBouncesPerDomainStampedWithTheCurrentBucket() {
        accumulator.recordAttempt("example.com");
        accumulator.recordAttempts("example.com", 3);
        accumulator.recordAttempt("example.net");
        accumulator.recordBounce(AddressKey.of("a@example.com"), Category.USER_UNKNOWN, Optional.empty(), "delivery:" + AddressKey.of("a@example.com").value());
        accumulator.recordBounce(AddressKey.of("b@example.com"), Category.USER_UNKNOWN, Optional.of(EnhancedStatus.of("5.1.1")), "delivery:" + AddressKey.of("b@example.com").value());
        accumulator.recordBounce(AddressKey.of("c@example.com"), Category.MAILBOX_FULL, Optional.empty(), "delivery:" + AddressKey.of("c@example.com").value());

        RateBatch batch = accumulator.drain();

        assertThat(batch.increments()).containsExactly(
            new RateIncrement("example.com", BUCKET, 4, Map.of(Category.USER_UNKNOWN, 2L, Category.MAILBOX_FULL, 1L)),
            new RateIncrement("example.net", BUCKET, 1, Map.of()));
        assertThat(batch.sightings()).isEmpty();
    }

    @Test
    void drainShouldStartEveryCounterAgainFromZero() {
        accumulator.recordAttempt("example.com");
        accumulator.drain();

        assertThat(accumulator.drain().isEmpty()).isTrue();
        accumulator.recordAttempt("example.com");
        clock.advance(Duration.ofMinutes(1));
        assertThat(accumulator.drain().increments())
            .containsExactly(new RateIncrement("example.com", BUCKET.plusSeconds(60), 1, Map.of()));
    }

    @Test
    void policyStatusesShouldBeKeptOncePerRecipient() {
        AddressKey alice = AddressKey.of("alice@example.com");
        accumulator.recordBounce(alice, Category.BLOCKED, Optional.of(EnhancedStatus.of("4.7.0")), "delivery:" + alice.value());
        accumulator.recordBounce(alice, Category.BLOCKED, Optional.of(EnhancedStatus.of("4.7.0")), "delivery:" + alice.value());
        accumulator.recordBounce(AddressKey.of("bob@example.com"), Category.BLOCKED, Optional.of(EnhancedStatus.of("4.7.0")), "delivery:" + AddressKey.of("bob@example.com").value());
        accumulator.recordBounce(alice, Category.USER_UNKNOWN, Optional.of(EnhancedStatus.of("5.1.1")), "delivery:" + alice.value());

        RateBatch batch = accumulator.drain();

        assertThat(batch.sightings()).extracting(s -> s.recipient().value())
            .containsExactlyInAnyOrder("alice@example.com", "bob@example.com");
        assertThat(batch.sightings()).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(EnhancedStatus.of("4.7.0"));
            assertThat(s.bucket()).isEqualTo(BUCKET);
        });
        assertThat(accumulator.drain().sightings()).isEmpty();
    }

    @Test
    void aDeferralThatIsNoBlockShouldNotBeAReputationSighting() {
        // greylisting answers 451 4.7.1: a security-subject code, but no verdict on the sender
        accumulator.recordBounce(AddressKey.of("alice@example.com"), Category.THROTTLED, Optional.of(EnhancedStatus.of("4.7.1")), "delivery:" + AddressKey.of("alice@example.com").value());

        assertThat(accumulator.drain().sightings()).isEmpty();
    }

    @Test
    void anIdleDomainShouldBeEvictedAndCountedAgainWhenItComesBack() {
        accumulator.recordAttempt("example.com");
        accumulator.drain();
        accumulator.drain();
        clock.advance(RateAccumulator.EVICTION_DELAY);
        accumulator.drain();
        assertThat(accumulator.heldCounters()).isZero();

        accumulator.recordAttempt("example.com");

        assertThat(accumulator.drain().attempts()).isEqualTo(1);
    }

    @Test
    void anEvictedCounterShouldStillBeReadDuringTheEvictionDelay() {
        accumulator.recordAttempt("example.com");
        accumulator.drain();
        accumulator.drain();
        assertThat(accumulator.heldCounters()).isEqualTo(1);

        accumulator.recordAttempt("example.com");

        assertThat(accumulator.drain().attempts()).isEqualTo(1);
    }

    @Test
    void concurrentWritersAndDrainsShouldLoseAndDuplicateNothing() throws Exception {
        int threads = 8;
        int perThread = 200_000;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String domain = "d" + (t % 3) + ".example";
            writers.add(executor.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    accumulator.recordAttempt(domain);
                }
                return null;
            }));
        }
        start.countDown();
        long total = 0;
        while (!writers.stream().allMatch(Future::isDone)) {
            total += accumulator.drain().attempts();
        }
        for (Future<?> w : writers) {
            w.get();
        }
        executor.shutdown();
        total += accumulator.drain().attempts();
        total += accumulator.drain().attempts();

        assertThat(total).isEqualTo((long) threads * perThread);
    }
}
