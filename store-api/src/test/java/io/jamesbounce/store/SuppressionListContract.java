package io.jamesbounce.store;

import static io.jamesbounce.store.StoreFixtures.ALICE;
import static io.jamesbounce.store.StoreFixtures.BOB;
import static io.jamesbounce.store.StoreFixtures.CAROL;
import static io.jamesbounce.store.StoreFixtures.OPERATOR;
import static io.jamesbounce.store.StoreFixtures.T0;
import static io.jamesbounce.store.StoreFixtures.addresses;
import static io.jamesbounce.store.StoreFixtures.hard;
import static io.jamesbounce.store.StoreFixtures.soft;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;

/**
 * What every {@link SuppressionList} backend must do. A backend test implements this interface and
 * returns a fresh, empty list from {@link #suppressionList()}, as James' DropListContract does. Times
 * are whole seconds: every backend keeps at least microseconds.
 */
public interface SuppressionListContract {
    SuppressionList suppressionList();

    @Test
    default void suppressShouldMakeTheAddressSuppressed() {
        suppressionList().suppress(hard(ALICE, T0));

        assertThat(suppressionList().isSuppressed(ALICE, T0)).isTrue();
        assertThat(suppressionList().isSuppressed(BOB, T0)).isFalse();
    }

    @Test
    default void findShouldReturnEveryStoredField() {
        Suppression suppression = new Suppression(ALICE, Category.MAILBOX_FULL, EventSource.SYNCHRONOUS_DELIVERY_FAILURE,
            "soft-streak-exceeded", T0, Optional.of(T0.plus(Duration.ofDays(90))), Optional.of("<r1@mx>"),
            Optional.of(new ReplyCode(452)), Optional.of(EnhancedStatus.of("4.2.2")), Optional.of("452 4.2.2 Mailbox full"),
            Optional.of("dns; mx.example.net"), Optional.of("<original@sender.example>"));

        suppressionList().suppress(suppression);

        assertThat(suppressionList().find(ALICE)).contains(suppression);
        assertThat(suppressionList().find(BOB)).isEmpty();
    }

    @Test
    default void anExpiredEntryShouldNoLongerSuppress() {
        suppressionList().suppress(soft(ALICE, T0, Duration.ofDays(90)));

        assertThat(suppressionList().isSuppressed(ALICE, T0.plus(Duration.ofDays(89)))).isTrue();
        assertThat(suppressionList().isSuppressed(ALICE, T0.plus(Duration.ofDays(90)))).isFalse();
        assertThat(suppressionList().find(ALICE)).isPresent();
    }

    @Test
    default void suppressedAmongShouldAnswerForManyAddressesAtOnce() {
        suppressionList().suppress(hard(ALICE, T0));
        suppressionList().suppress(soft(CAROL, T0, Duration.ofDays(1)));
        List<AddressKey> recipients = new ArrayList<>(List.of(ALICE, BOB, CAROL));
        IntStream.range(0, 1200).forEach(i -> recipients.add(AddressKey.of("user" + i + "@example.com")));
        suppressionList().suppress(hard(AddressKey.of("user1100@example.com"), T0));

        assertThat(suppressionList().suppressedAmong(recipients, T0.plus(Duration.ofDays(2))))
            .containsExactlyInAnyOrder(ALICE, AddressKey.of("user1100@example.com"));
        assertThat(suppressionList().suppressedAmong(List.of(), T0)).isEmpty();
    }

    /**
     * Mails relayed at once look up at once (a backend may answer them with one statement): each caller
     * gets the answer for its own recipients at its own time.
     */
    @Test
    default void concurrentLookupsShouldEachAnswerForTheirOwnAddressesAndTime() throws Exception {
        suppressionList().suppress(hard(ALICE, T0));
        suppressionList().suppress(soft(CAROL, T0, Duration.ofDays(1)));
        // each thread's own addresses, one in ten suppressed: only that thread asks for them
        IntStream.range(0, 8).forEach(t -> IntStream.range(0, 20)
            .forEach(i -> suppressionList().suppress(hard(AddressKey.of("thread" + t + "-" + (10 * i) + "@example.com"), T0))));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> lookups = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                // even threads ask before CAROL's entry expires, odd ones after
                Instant now = T0.plus(Duration.ofHours(t % 2 == 0 ? 1 : 25));
                int thread = t;
                lookups.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        AddressKey own = AddressKey.of("thread" + thread + "-" + i + "@example.com");
                        boolean ownSuppressed = i % 10 == 0;
                        Set<AddressKey> expected = new HashSet<>(List.of(ALICE));
                        if (thread % 2 == 0) {
                            expected.add(CAROL);
                        }
                        if (ownSuppressed) {
                            expected.add(own);
                        }
                        assertThat(suppressionList().suppressedAmong(List.of(own, ALICE, BOB, CAROL), now)).isEqualTo(expected);
                        assertThat(suppressionList().isSuppressed(CAROL, now)).isEqualTo(thread % 2 == 0);
                        assertThat(suppressionList().isSuppressed(own, now)).isEqualTo(ownSuppressed);
                    }
                }));
            }
            for (Future<?> lookup : lookups) {
                lookup.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    default void suppressShouldNotReplaceAPermanentEntry() {
        Suppression first = hard(ALICE, T0);
        suppressionList().suppress(first);

        suppressionList().suppress(soft(ALICE, T0.plusSeconds(60), Duration.ofDays(90)));
        suppressionList().suppress(Suppression.of(ALICE, Category.COMPLAINT, EventSource.ARF, "complaint-at-once",
            T0.plusSeconds(120), Optional.empty()));

        assertThat(suppressionList().find(ALICE)).contains(first);
    }

    @Test
    default void suppressShouldReplaceAnExpiringEntry() {
        suppressionList().suppress(soft(ALICE, T0, Duration.ofDays(90)));
        Suppression renewed = soft(ALICE, T0.plus(Duration.ofDays(100)), Duration.ofDays(90));
        suppressionList().suppress(renewed);
        assertThat(suppressionList().find(ALICE)).contains(renewed);

        Suppression hard = hard(ALICE, T0.plus(Duration.ofDays(101)));
        suppressionList().suppress(hard);
        assertThat(suppressionList().find(ALICE)).contains(hard);
    }

    @Test
    default void aRemovedAddressShouldBeSuppressibleAgain() {
        suppressionList().suppress(hard(ALICE, T0));
        suppressionList().remove(ALICE, OPERATOR);

        suppressionList().suppress(hard(ALICE, T0.plus(Duration.ofDays(1))));

        assertThat(suppressionList().isSuppressed(ALICE, T0.plus(Duration.ofDays(1)))).isTrue();
    }

    @Test
    default void searchShouldFilterByDomainCategorySourceAndDate() {
        suppressionList().suppress(hard(ALICE, T0));
        suppressionList().suppress(soft(BOB, T0.plus(Duration.ofDays(2)), Duration.ofDays(90)));
        suppressionList().suppress(Suppression.of(CAROL, Category.COMPLAINT, EventSource.ARF, "complaint-at-once", T0, Optional.empty()));

        assertThat(addresses(suppressionList().search(SuppressionQuery.all(10).domain("Example.ORG")))).containsExactly(ALICE, BOB);
        assertThat(addresses(suppressionList().search(SuppressionQuery.all(10).category(Category.COMPLAINT)))).containsExactly(CAROL);
        assertThat(addresses(suppressionList().search(SuppressionQuery.all(10).source(EventSource.DSN)))).containsExactly(ALICE, BOB);
        assertThat(addresses(suppressionList().search(SuppressionQuery.all(10).between(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(3))))))
            .containsExactly(BOB);
    }

    @Test
    default void searchShouldPageInAddressOrder() {
        IntStream.range(0, 25).forEach(i -> suppressionList().suppress(hard(AddressKey.of(String.format("u%02d@example.org", i)), T0)));

        SuppressionPage first = suppressionList().search(SuppressionQuery.all(10));
        SuppressionPage second = suppressionList().search(SuppressionQuery.all(10).after(first.next().orElseThrow()));
        SuppressionPage last = suppressionList().search(SuppressionQuery.all(10).after(second.next().orElseThrow()));

        assertThat(addresses(first)).first().isEqualTo(AddressKey.of("u00@example.org"));
        assertThat(addresses(second)).first().isEqualTo(AddressKey.of("u10@example.org"));
        assertThat(addresses(last)).hasSize(5).last().isEqualTo(AddressKey.of("u24@example.org"));
        assertThat(last.next()).isEmpty();
    }

    @Test
    default void forEachSuppressionShouldVisitEveryEntryInAddressOrder() {
        IntStream.range(0, 50).forEach(i -> suppressionList().suppress(hard(AddressKey.of(String.format("u%02d@example.org", i)), T0)));
        List<AddressKey> seen = new ArrayList<>();

        suppressionList().forEachSuppression(s -> seen.add(s.address()));

        assertThat(seen).hasSize(50).isSorted();
    }

    @Test
    default void forEachSuppressionShouldVisitEveryEntryOnceAcrossPages() {
        // more than a JDBC backend's page of 10,000 rows, with a key at each page edge
        int entries = 25_001;
        suppressionList().importSuppressions(IntStream.range(0, entries).mapToObj(i -> Suppression.of(
            AddressKey.of(String.format("p%06d@example.org", i)), Category.USER_UNKNOWN, EventSource.IMPORT, Suppression.IMPORT_RULE,
            T0, Optional.empty())).iterator());
        List<AddressKey> seen = new ArrayList<>();

        suppressionList().forEachSuppression(s -> seen.add(s.address()));

        assertThat(seen).hasSize(entries).doesNotHaveDuplicates().isSorted();
        assertThat(seen.get(entries - 1)).isEqualTo(AddressKey.of(String.format("p%06d@example.org", entries - 1)));
    }

    @Test
    default void importSuppressionsShouldAddOnlyAbsentEntries() {
        Suppression existing = hard(ALICE, T0);
        suppressionList().suppress(existing);
        List<Suppression> batch = new ArrayList<>();
        batch.add(Suppression.of(ALICE, Category.MAILBOX_FULL, EventSource.IMPORT, Suppression.IMPORT_RULE, T0, Optional.empty()));
        IntStream.range(0, 2500).forEach(i -> batch.add(
            Suppression.of(AddressKey.of("imported" + i + "@example.com"), Category.USER_UNKNOWN, EventSource.IMPORT, Suppression.IMPORT_RULE, T0, Optional.empty())));

        assertThat(suppressionList().importSuppressions(batch.iterator())).isEqualTo(2500);

        assertThat(suppressionList().find(ALICE)).contains(existing);
        assertThat(suppressionList().isSuppressed(AddressKey.of("imported2499@example.com"), T0)).isTrue();
        assertThat(suppressionList().importSuppressions(batch.iterator())).isZero();
    }

    @Test
    default void purgeExpiredShouldDeleteOnlyExpiredEntries() {
        suppressionList().suppress(hard(ALICE, T0));
        suppressionList().suppress(soft(BOB, T0, Duration.ofDays(1)));

        assertThat(suppressionList().purgeExpired(T0.plus(Duration.ofDays(2)))).isEqualTo(1);

        assertThat(suppressionList().find(ALICE)).isPresent();
        assertThat(suppressionList().find(BOB)).isEmpty();
    }
}
