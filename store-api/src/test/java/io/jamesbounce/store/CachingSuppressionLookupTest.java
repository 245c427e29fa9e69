package io.jamesbounce.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.testing.MutableClock;

class CachingSuppressionLookupTest {
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final AddressKey ALICE = AddressKey.of("alice@example.org");
    private static final AddressKey BOB = AddressKey.of("bob@example.org");

    /** The memory list, counting the calls that would be database round trips. */
    private static final class CountingRepository extends ForwardingSuppressionList {
        final AtomicInteger lookups = new AtomicInteger();

        CountingRepository(SuppressionList delegate) {
            super(delegate);
        }

        @Override
        public Set<AddressKey> suppressedAmong(Collection<AddressKey> addresses, Instant now) {
            lookups.incrementAndGet();
            return super.suppressedAmong(addresses, now);
        }
    }

    private MutableClock clock;
    private MemorySuppressionRepository store;
    private CountingRepository repository;
    private CachingSuppressionLookup lookup;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        store = new MemorySuppressionRepository();
        repository = new CountingRepository(store);
        lookup = new CachingSuppressionLookup(repository, clock, Duration.ofSeconds(30), 1000);
    }

    private void suppress(AddressKey address) {
        store.suppress(Suppression.of(address, Category.USER_UNKNOWN, EventSource.DSN, "hard-at-once", clock.instant(), Optional.empty()));
    }

    @Nested
    class Caching {
        @Test
        void aRepeatedLookupShouldNotReachTheRepository() {
            suppress(ALICE);

            assertThat(lookup.isSuppressed(ALICE)).isTrue();
            assertThat(lookup.isSuppressed(ALICE)).isTrue();
            assertThat(lookup.isSuppressed(BOB)).isFalse();
            assertThat(lookup.isSuppressed(BOB)).isFalse();

            assertThat(repository.lookups).hasValue(2);
        }

        @Test
        void aChangeByAnotherServerShouldBeSeenOnceTheStalenessBoundHasPassed() {
            assertThat(lookup.isSuppressed(ALICE)).isFalse();
            suppress(ALICE);

            clock.advance(Duration.ofSeconds(30));
            assertThat(lookup.isSuppressed(ALICE)).isFalse();
            clock.advance(Duration.ofMillis(1));
            assertThat(lookup.isSuppressed(ALICE)).isTrue();
        }

        @Test
        void invalidateShouldMakeALocalChangeVisibleAtOnce() {
            assertThat(lookup.isSuppressed(ALICE)).isFalse();
            suppress(ALICE);

            lookup.invalidate(ALICE);

            assertThat(lookup.isSuppressed(ALICE)).isTrue();
        }

        /** The answer read before another thread suppressed and invalidated the address must not stay cached. */
        @Test
        void anAnswerFetchedWhileTheAddressWasInvalidatedShouldNotBeCached() {
            lookup = new CachingSuppressionLookup(new ForwardingSuppressionList(repository) {
                @Override
                public Set<AddressKey> suppressedAmong(Collection<AddressKey> addresses, Instant now) {
                    Set<AddressKey> answer = super.suppressedAmong(addresses, now);
                    CachingSuppressionLookupTest.this.suppress(ALICE);
                    lookup.invalidate(ALICE);
                    return answer;
                }
            }, clock, Duration.ofMinutes(5), 1000);

            assertThat(lookup.isSuppressed(ALICE)).isFalse();

            assertThat(lookup.isSuppressed(ALICE)).isTrue();
        }

        @Test
        void invalidateShouldWorkWhateverTheStaleness() {
            lookup = new CachingSuppressionLookup(repository, clock, Duration.ofDays(365_000), 1000);
            assertThat(lookup.isSuppressed(ALICE)).isFalse();
            suppress(ALICE);

            lookup.invalidate(ALICE);

            assertThat(lookup.isSuppressed(ALICE)).isTrue();
        }

        @Test
        void aSuppressionLiftedElsewhereShouldBeSeenAfterTheStalenessBound() {
            suppress(ALICE);
            assertThat(lookup.isSuppressed(ALICE)).isTrue();
            store.remove(ALICE, new Change("admin", "fixed", clock.instant()));

            clock.advance(Duration.ofSeconds(31));

            assertThat(lookup.isSuppressed(ALICE)).isFalse();
        }

        /**
         * Past its bound the cache keeps the answers looked up more than once, so a newsletter to thousands of
         * one-off recipients does not flush the regular ones.
         */
        @Test
        void answersInUseShouldSurviveABurstOfOneOffAddresses() {
            IntStream.range(0, 1000).forEach(i -> lookup.isSuppressed(AddressKey.of("earlier" + i + "@example.com")));
            List<AddressKey> regulars = IntStream.range(0, 100).mapToObj(i -> AddressKey.of("regular" + i + "@example.com")).toList();
            IntStream.range(0, 3).forEach(round -> regulars.forEach(lookup::isSuppressed));
            IntStream.range(0, 5000).forEach(i -> lookup.isSuppressed(AddressKey.of("user" + i + "@example.com")));
            int before = repository.lookups.get();

            regulars.forEach(lookup::isSuppressed);

            assertThat(repository.lookups.get()).isEqualTo(before);
        }

        @Test
        void theCacheShouldStayWithinItsBound() {
            IntStream.range(0, 5000).forEach(i -> lookup.isSuppressed(AddressKey.of("user" + i + "@example.com")));

            assertThat(lookup.size()).isLessThanOrEqualTo(1000);
        }
    }

    @Nested
    class Failures {
        @Test
        void aLookupTheListFailsShouldReachTheCallerAndCacheNothing() {
            suppress(ALICE);
            lookup = new CachingSuppressionLookup(new FailingOnce(repository), clock, Duration.ofSeconds(30), 1000);

            assertThatThrownBy(() -> lookup.isSuppressed(ALICE)).isInstanceOf(IllegalStateException.class);

            assertThat(lookup.isSuppressed(ALICE)).isTrue();
            assertThat(lookup.size()).isEqualTo(1);
        }

        @Test
        void aBatchTheListFailsShouldReachTheCallerAndCacheNothing() {
            suppress(BOB);
            lookup = new CachingSuppressionLookup(new FailingOnce(repository), clock, Duration.ofSeconds(30), 1000);

            assertThatThrownBy(() -> lookup.suppressedAmong(List.of(ALICE, BOB))).isInstanceOf(IllegalStateException.class);
            assertThat(lookup.size()).isZero();

            assertThat(lookup.suppressedAmong(List.of(ALICE, BOB))).containsExactly(BOB);
        }
    }

    /** A list whose first lookup fails, as a database that is unreachable for a moment. */
    private static final class FailingOnce extends ForwardingSuppressionList {
        private boolean failed;

        FailingOnce(SuppressionList delegate) {
            super(delegate);
        }

        @Override
        public Set<AddressKey> suppressedAmong(Collection<AddressKey> addresses, Instant now) {
            if (!failed) {
                failed = true;
                throw new IllegalStateException("suppression store unreachable");
            }
            return super.suppressedAmong(addresses, now);
        }
    }

    @Nested
    class Batches {
        @Test
        void suppressedAmongShouldAskTheRepositoryOnceForAllMisses() {
            suppress(ALICE);
            List<AddressKey> recipients = IntStream.range(0, 50).mapToObj(i -> AddressKey.of("user" + i + "@example.com")).toList();

            assertThat(lookup.suppressedAmong(recipients)).isEmpty();
            assertThat(lookup.suppressedAmong(List.of(ALICE, BOB, recipients.get(3)))).containsExactly(ALICE);

            assertThat(repository.lookups).hasValue(2);
        }

        @Test
        void aBatchShouldFillTheCacheForSingleLookups() {
            suppress(BOB);
            lookup.suppressedAmong(List.of(ALICE, BOB));

            assertThat(lookup.isSuppressed(BOB)).isTrue();
            assertThat(lookup.isSuppressed(ALICE)).isFalse();
            assertThat(repository.lookups).hasValue(1);
        }
    }
}
