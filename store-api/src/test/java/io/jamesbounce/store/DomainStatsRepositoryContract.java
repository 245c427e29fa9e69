package io.jamesbounce.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.rates.BlockSighting;
import io.jamesbounce.core.rates.DomainState;
import io.jamesbounce.core.rates.RateBatch;
import io.jamesbounce.core.rates.RateIncrement;
import io.jamesbounce.core.rates.StatusSpread;
import io.jamesbounce.core.rates.WindowCounts;

/**
 * What every {@link DomainStatsRepository} backend must do. A backend test implements this
 * interface and returns a fresh, empty repository from {@link #repository()}.
 */
public interface DomainStatsRepositoryContract {
    Instant B0 = Instant.parse("2025-03-01T08:00:00Z");
    Instant B1 = B0.plusSeconds(60);
    Instant B2 = B0.plusSeconds(120);
    EnhancedStatus BLOCK = EnhancedStatus.of("4.7.0");

    DomainStatsRepository repository();

    private static RateIncrement increment(String domain, Instant bucket, long attempts, Object... categoryThenCount) {
        Map<Category, Long> bounces = new EnumMap<>(Category.class);
        for (int i = 0; i < categoryThenCount.length; i += 2) {
            bounces.put((Category) categoryThenCount[i], ((Number) categoryThenCount[i + 1]).longValue());
        }
        return new RateIncrement(domain, bucket, attempts, bounces);
    }

    private static RateBatch batch(RateIncrement... increments) {
        return new RateBatch(List.of(increments), List.of());
    }

    private static BlockSighting sighting(String recipient, Instant bucket, EnhancedStatus status) {
        AddressKey key = AddressKey.of(recipient);
        return new BlockSighting(key.domain(), bucket, status, key, "delivery:" + key.value());
    }

    private static WindowCounts counts(String domain, long attempts, Map<Category, Long> bounces) {
        return new WindowCounts(domain, attempts, bounces);
    }

    @Test
    default void anEmptyStoreShouldCountNothing() {
        assertThat(repository().counts(B0, B2)).isEmpty();
        assertThat(repository().spreads(B0, B2)).isEmpty();
    }

    @Test
    default void addShouldAddToWhatTheBucketHolds() {
        repository().add(batch(increment("example.com", B0, 10, Category.USER_UNKNOWN, 1)));
        repository().add(batch(increment("example.com", B0, 5, Category.USER_UNKNOWN, 2, Category.SPAM, 1)));

        assertThat(repository().counts(B0, B1)).containsExactly(
            counts("example.com", 15, Map.of(Category.USER_UNKNOWN, 3L, Category.SPAM, 1L)));
    }

    @Test
    default void countsShouldSumTheBucketsThatStartWithinTheWindowOnly() {
        repository().add(batch(
            increment("example.com", B0, 1),
            increment("example.com", B1, 10, Category.MAILBOX_FULL, 1),
            increment("example.com", B2, 100, Category.MAILBOX_FULL, 10)));

        assertThat(repository().counts(B1, B2)).containsExactly(counts("example.com", 10, Map.of(Category.MAILBOX_FULL, 1L)));
        assertThat(repository().counts(B0, B2.plusSeconds(60)))
            .containsExactly(counts("example.com", 111, Map.of(Category.MAILBOX_FULL, 11L)));
    }

    @Test
    default void countsShouldKeepEachDomainApartInDomainOrder() {
        repository().add(batch(
            increment("example.org", B0, 3),
            increment("example.com", B0, 2, Category.BLOCKED, 1),
            increment("b\u00fccher.example", B0, 1)));

        assertThat(repository().counts(B0, B1)).extracting(WindowCounts::domain)
            .containsExactly("b\u00fccher.example", "example.com", "example.org");
    }

    @Test
    default void aDomainWithBouncesButNoAttemptShouldStillBeCounted() {
        repository().add(batch(increment("example.com", B0, 0, Category.EXPIRED, 4)));

        assertThat(repository().counts(B0, B1)).containsExactly(counts("example.com", 0, Map.of(Category.EXPIRED, 4L)));
    }

    @Test
    default void spreadsShouldCountEachRecipientOncePerStatusAcrossBucketsAndServers() {
        repository().add(new RateBatch(List.of(), List.of(
            sighting("a@example.com", B0, BLOCK), sighting("b@example.com", B0, BLOCK),
            sighting("a@example.com", B1, BLOCK), sighting("c@example.com", B1, EnhancedStatus.of("5.7.1")))));
        repository().add(new RateBatch(List.of(), List.of(sighting("a@example.com", B0, BLOCK), sighting("d@example.net", B0, BLOCK))));

        assertThat(repository().spreads(B0, B2)).containsExactlyInAnyOrder(
            new StatusSpread("example.com", BLOCK, 2, 2),
            new StatusSpread("example.com", EnhancedStatus.of("5.7.1"), 1, 1),
            new StatusSpread("example.net", BLOCK, 1, 1));
        assertThat(repository().spreads(B1, B2)).containsExactlyInAnyOrder(
            new StatusSpread("example.com", BLOCK, 1, 1),
            new StatusSpread("example.com", EnhancedStatus.of("5.7.1"), 1, 1));
    }

    @Test
    default void spreadsShouldCountIndependentReportersKeepingTheFirstOfEachRecipient() {
        AddressKey a = AddressKey.of("a@example.com");
        AddressKey b = AddressKey.of("b@example.com");
        AddressKey c = AddressKey.of("c@example.com");
        repository().add(new RateBatch(List.of(), List.of(
            new BlockSighting("example.com", B0, BLOCK, a, "198.51.100.0/24"),
            new BlockSighting("example.com", B0, BLOCK, b, "198.51.100.0/24"),
            new BlockSighting("example.com", B0, BLOCK, c, ""),
            // the same recipient told again by another network in the same bucket: still one sighting
            new BlockSighting("example.com", B0, BLOCK, a, "203.0.113.0/24"))));

        assertThat(repository().spreads(B0, B1)).containsExactly(new StatusSpread("example.com", BLOCK, 3, 1));
    }

    @Test
    default void purgeShouldDeleteWhatStartedBeforeTheLimitOnly() {
        repository().add(new RateBatch(
            List.of(increment("example.com", B0, 1, Category.SPAM, 1), increment("example.com", B1, 2)),
            List.of(sighting("a@example.com", B0, BLOCK), sighting("b@example.com", B1, BLOCK))));

        assertThat(repository().purgeBefore(B1)).isPositive();

        assertThat(repository().counts(B0, B2)).containsExactly(counts("example.com", 2, Map.of()));
        assertThat(repository().spreads(B0, B2)).containsExactly(new StatusSpread("example.com", BLOCK, 1, 1));
        assertThat(repository().purgeBefore(B1)).isZero();
    }

    @Test
    default void concurrentWritersToTheSameBucketShouldAddUpExactly() throws Exception {
        int writers = 8;
        int flushes = 50;
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(executor.submit(() -> {
                start.await();
                for (int f = 0; f < flushes; f++) {
                    // every server writes the same rows: the hot domain's bucket, in the batch's sorted order
                    repository().add(new RateBatch(List.of(
                        increment("gmail.com", B0, 7, Category.USER_UNKNOWN, 1, Category.BLOCKED, 2),
                        increment("example.com", B0, 1),
                        increment("yahoo.com", B0, 3, Category.MAILBOX_FULL, 1)),
                        List.of(sighting("r" + (f % 20) + "@gmail.com", B0, BLOCK), sighting("w" + writer + "@gmail.com", B0, BLOCK))));
                }
                return null;
            }));
        }
        start.countDown();
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            executor.shutdownNow();
        }
        long n = (long) writers * flushes;

        assertThat(repository().counts(B0, B1)).containsExactly(
            counts("example.com", n, Map.of()),
            counts("gmail.com", 7 * n, Map.of(Category.USER_UNKNOWN, n, Category.BLOCKED, 2 * n)),
            counts("yahoo.com", 3 * n, Map.of(Category.MAILBOX_FULL, n)));
        assertThat(repository().spreads(B0, B1)).containsExactly(new StatusSpread("gmail.com", BLOCK, 20 + writers, 20 + writers));
    }

    @Test
    default void windowsShouldBeReadAtAnyBucketWidth() {
        repository().add(batch(increment("example.com", B0, 1), increment("example.com", B0.plus(Duration.ofHours(23)), 1)));

        assertThat(repository().counts(B0, B0.plus(Duration.ofDays(1)))).containsExactly(counts("example.com", 2, Map.of()));
    }

    @Test
    default void reservedSlotsShouldFollowEachOtherOneIntervalApart() {
        Duration second = Duration.ofSeconds(1);

        assertThat(List.of(repository().reserveSlot("example.com", B0, second), repository().reserveSlot("example.com", B0, second),
            repository().reserveSlot("example.net", B0, second), repository().reserveSlot("example.com", B0, second)))
            .containsExactly(B0, B0.plusSeconds(1), B0, B0.plusSeconds(2));
    }

    @Test
    default void aQuietDomainsScheduleShouldStartAgainAtTheEarliestTime() {
        repository().reserveSlot("example.com", B0, Duration.ofSeconds(1));

        assertThat(repository().reserveSlot("example.com", B1, Duration.ofSeconds(1))).isEqualTo(B1);
    }

    @Test
    default void slotsShouldKeepSubMillisecondIntervals() {
        Duration interval = Duration.ofNanos(60_000_000_000L / 7); // 7 a minute

        repository().reserveSlot("example.com", B0, interval);

        Instant second = repository().reserveSlot("example.com", B0, interval);

        assertThat(Duration.between(B0, second)).isBetween(interval.minusNanos(1_000), interval);
    }

    @Test
    default void serversReservingAtOnceShouldNeverShareASlot() throws Exception {
        int servers = 8;
        int each = 25;
        ExecutorService executor = Executors.newFixedThreadPool(servers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Instant>>> futures = new ArrayList<>();
        for (int s = 0; s < servers; s++) {
            futures.add(executor.submit(() -> {
                start.await();
                List<Instant> slots = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    slots.add(repository().reserveSlot("gmail.com", B0, Duration.ofSeconds(1)));
                }
                return slots;
            }));
        }
        start.countDown();
        List<Instant> all = new ArrayList<>();
        try {
            for (Future<List<Instant>> f : futures) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(all).hasSize(servers * each).doesNotHaveDuplicates()
            .allMatch(slot -> !slot.isBefore(B0) && slot.isBefore(B0.plusSeconds(servers * each)));
    }

    @Test
    default void aStateChangeShouldBeClaimedByTheFirstServerOnly() {
        assertThat(repository().claimStateChange("example.com", DomainState.NORMAL, DomainState.THROTTLED, B0)).isTrue();
        assertThat(repository().claimStateChange("example.com", DomainState.NORMAL, DomainState.THROTTLED, B1)).as("a second server").isFalse();
        assertThat(repository().claimStateChange("example.com", DomainState.THROTTLED, DomainState.CRITICAL, B1)).isTrue();
        assertThat(repository().claimStateChange("example.com", DomainState.THROTTLED, DomainState.CRITICAL, B1)).isFalse();
        assertThat(repository().claimStateChange("example.net", DomainState.NORMAL, DomainState.WARNING, B1)).as("another domain").isTrue();
    }

    @Test
    default void aForgottenScheduleShouldStartAgainAtTheEarliestTime() {
        Duration second = Duration.ofSeconds(1);
        for (int i = 0; i < 100; i++) {
            repository().reserveSlot("example.com", B0, second);
        }

        repository().forgetSlots("example.com");

        assertThat(repository().reserveSlot("example.com", B0, second)).isEqualTo(B0);
    }

    @Test
    default void aServerThatSawAnotherPathToTheSameStateShouldNotAlertAgain() {
        assertThat(repository().claimStateChange("example.com", DomainState.NORMAL, DomainState.WARNING, B0)).isTrue();
        assertThat(repository().claimStateChange("example.com", DomainState.WARNING, DomainState.THROTTLED, B0)).isTrue();
        assertThat(repository().claimStateChange("example.com", DomainState.NORMAL, DomainState.THROTTLED, B1))
            .as("a second server went straight from normal").isFalse();
        assertThat(repository().claimStateChange("example.com", DomainState.THROTTLED, DomainState.NORMAL, B2)).as("released").isTrue();
        assertThat(repository().claimStateChange("example.com", DomainState.NORMAL, DomainState.THROTTLED, B2)).as("throttled anew").isTrue();
    }

    @Test
    default void aLaggingServerShouldNotAlertAStepBelowWhatTheOthersRecordedButAnEscalationAboveIt() {
        repository().claimStateChange("example.com", DomainState.NORMAL, DomainState.CRITICAL, B0);
        assertThat(repository().claimStateChange("example.com", DomainState.NORMAL, DomainState.THROTTLED, B0))
            .as("behind the others").isFalse();

        repository().claimStateChange("example.com", DomainState.CRITICAL, DomainState.NORMAL, B1); // released on one server
        assertThat(repository().claimStateChange("example.com", DomainState.THROTTLED, DomainState.CRITICAL, B2))
            .as("a server that missed the release sees the domain worsen again").isTrue();
    }

    @Test
    default void concurrentClaimsOfOneChangeShouldHaveOneWinner() throws Exception {
        int servers = 8;
        ExecutorService executor = Executors.newFixedThreadPool(servers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int s = 0; s < servers; s++) {
            futures.add(executor.submit(() -> {
                start.await();
                return repository().claimStateChange("gmail.com", DomainState.NORMAL, DomainState.THROTTLED, B0);
            }));
        }
        start.countDown();
        int won = 0;
        try {
            for (Future<Boolean> f : futures) {
                won += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(won).isEqualTo(1);
    }

    @Test
    default void purgeShouldForgetOldSchedulesAndDomainsBackToNormal() {
        repository().reserveSlot("example.com", B0, Duration.ofSeconds(1));
        repository().claimStateChange("example.com", DomainState.NORMAL, DomainState.THROTTLED, B0);
        repository().claimStateChange("example.com", DomainState.THROTTLED, DomainState.NORMAL, B0);
        repository().claimStateChange("example.net", DomainState.NORMAL, DomainState.THROTTLED, B0);

        repository().purgeBefore(B2);

        assertThat(repository().reserveSlot("example.com", B0, Duration.ofSeconds(1))).as("a new line").isEqualTo(B0);
        assertThat(repository().claimStateChange("example.net", DomainState.NORMAL, DomainState.THROTTLED, B2))
            .as("a throttled domain is kept however old").isFalse();
    }
}
