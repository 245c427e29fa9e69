package io.jamesbounce.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressHistory;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.Attempt;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.SuppressionPolicy;
import io.jamesbounce.store.AuditEntry.AuditAction;

/**
 * What every {@link SuppressionRepository} backend must do. A backend test implements this
 * interface and returns a fresh, empty repository from {@link #repository()}, as James'
 * DropListContract does. Times are whole seconds: every backend keeps at least microseconds.
 */
public interface SuppressionRepositoryContract {
    Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    AddressKey ALICE = AddressKey.of("alice@example.org");
    AddressKey BOB = AddressKey.of("bob@example.org");
    AddressKey CAROL = AddressKey.of("carol@example.net");
    Change OPERATOR = new Change("admin@example.org", "ticket 42", T0);

    SuppressionRepository repository();

    private static BounceEvent event(String report, AddressKey to, Instant at, Category category) {
        return BounceEvent.bare(report, to, at, EventSource.DSN, category, "test-rule");
    }

    private static Suppression hard(AddressKey address, Instant at) {
        return Suppression.of(address, Category.USER_UNKNOWN, EventSource.DSN, "hard-at-once", at, Optional.empty());
    }

    private static Suppression soft(AddressKey address, Instant at, Duration lifetime) {
        return Suppression.of(address, Category.MAILBOX_FULL, EventSource.DSN, "soft-streak-exceeded", at,
            Optional.of(at.plus(lifetime)));
    }

    private static SuppressionPolicy policy() {
        return new SuppressionPolicy(PolicySettings.defaults(), Clock.fixed(T0, ZoneOffset.UTC));
    }

    // ---- events

    @Test
    default void recordEventAndDecideShouldStoreTheEventAndTheSuppressionItDecided() {
        BounceEvent event = event("<r1@mx>", ALICE, T0, Category.USER_UNKNOWN);

        Optional<Decision> decided = repository().recordEventAndDecide(event, T0.minus(Duration.ofDays(30)), h -> policy().decide(event, h));

        assertThat(decided).hasValueSatisfying(d -> assertThat(d.suppresses()).isTrue());
        assertThat(repository().events(ALICE)).containsExactly(event);
        assertThat(repository().isSuppressed(ALICE, T0)).isTrue();
    }

    @Test
    default void recordEventAndDecideShouldHandTheDecisionAHistoryThatHoldsTheNewEvent() {
        repository().recordEvent(event("<r1@mx>", ALICE, T0.minus(Duration.ofDays(1)), Category.MAILBOX_FULL));
        repository().allow(new AllowlistEntry("example.org", OPERATOR));
        BounceEvent event = event("<r2@mx>", ALICE, T0, Category.MAILBOX_FULL);
        List<AddressHistory> seen = new ArrayList<>();

        repository().recordEventAndDecide(event, T0.minus(Duration.ofDays(30)), h -> {
            seen.add(h);
            return policy().decide(event, h);
        });

        assertThat(seen).singleElement().satisfies(h -> {
            assertThat(h.allowlisted()).isTrue();
            assertThat(h.attempts()).extracting(Attempt::at).containsExactly(T0.minus(Duration.ofDays(1)), T0);
        });
    }

    @Test
    default void aDecisionThatFailsShouldLeaveNeitherTheEventNorItsSuppressionSoTheRetryDecidesAgain() {
        BounceEvent event = event("<r1@mx>", ALICE, T0, Category.USER_UNKNOWN);
        Instant since = T0.minus(Duration.ofDays(30));

        try {
            repository().recordEventAndDecide(event, since, h -> {
                throw new IllegalStateException("the server died between the two writes");
            });
        } catch (IllegalStateException expected) {
            // as James would see it: the mail goes back for a retry
        }
        assertThat(repository().events(ALICE)).isEmpty();
        assertThat(repository().isSuppressed(ALICE, T0)).isFalse();

        Optional<Decision> retried = repository().recordEventAndDecide(event, since, h -> policy().decide(event, h));

        assertThat(retried).as("the retry is no duplicate").isPresent();
        assertThat(repository().isSuppressed(ALICE, T0)).isTrue();
    }

    @Test
    default void recordEventAndDecideShouldDecideNothingForAReplayedReport() {
        BounceEvent event = event("<r1@mx>", ALICE, T0, Category.USER_UNKNOWN);
        Instant since = T0.minus(Duration.ofDays(30));
        repository().recordEventAndDecide(event, since, h -> policy().decide(event, h));
        List<AddressHistory> seen = new ArrayList<>();

        Optional<Decision> replayed = repository().recordEventAndDecide(event, since, h -> {
            seen.add(h);
            return policy().decide(event, h);
        });

        assertThat(replayed).isEmpty();
        assertThat(seen).isEmpty();
        assertThat(repository().events(ALICE)).hasSize(1);
    }

    @Test
    default void recordEventShouldKeepEveryFieldVerbatim() {
        BounceEvent event = new BounceEvent("<report-1@mx.example.net>", ALICE, T0, EventSource.ARF, Category.COMPLAINT,
            "arf-abuse", Optional.of(new ReplyCode(550)), Optional.of(EnhancedStatus.of("5.7.1")),
            Optional.of("smtp; 550 5.7.1 Message rejected: \"spam\" — see https://example.net/why"),
            Optional.of("dns; fbl.example.net"), Optional.of("<original@sender.example>"), Optional.of(FeedbackType.ABUSE));

        assertThat(repository().recordEvent(event)).isTrue();

        assertThat(repository().events(ALICE)).containsExactly(event);
    }

    @Test
    default void recordEventShouldStoreTheSameReportForTheSameRecipientOnce() {
        BounceEvent event = event("<r1@mx>", ALICE, T0, Category.USER_UNKNOWN);

        assertThat(repository().recordEvent(event)).isTrue();
        assertThat(repository().recordEvent(event)).isFalse();
        assertThat(repository().recordEvent(event("<r1@mx>", ALICE, T0.plusSeconds(60), Category.MAILBOX_FULL))).isFalse();

        assertThat(repository().events(ALICE)).containsExactly(event);
    }

    @Test
    default void recordEventShouldKeepOneReportForSeveralRecipients() {
        repository().recordEvent(event("<r1@mx>", ALICE, T0, Category.USER_UNKNOWN));
        repository().recordEvent(event("<r1@mx>", BOB, T0, Category.USER_UNKNOWN));

        assertThat(repository().events(ALICE)).hasSize(1);
        assertThat(repository().events(BOB)).hasSize(1);
    }

    @Test
    default void eventsShouldBeListedOldestFirst() {
        repository().recordEvent(event("<r2@mx>", ALICE, T0.plusSeconds(60), Category.MAILBOX_FULL));
        repository().recordEvent(event("<r1@mx>", ALICE, T0, Category.MAILBOX_FULL));

        assertThat(repository().events(ALICE)).extracting(BounceEvent::reportKey).containsExactly("<r1@mx>", "<r2@mx>");
    }

    @Test
    default void recentEventsShouldBeTheNewestOnesOldestFirst() {
        for (int i = 0; i < 5; i++) {
            repository().recordEvent(event("<r" + i + "@mx>", ALICE, T0.plus(Duration.ofMinutes(i)), Category.MAILBOX_FULL));
        }
        repository().recordEvent(event("<b@mx>", BOB, T0, Category.MAILBOX_FULL));

        assertThat(repository().recentEvents(ALICE, 2)).extracting(BounceEvent::reportKey).containsExactly("<r3@mx>", "<r4@mx>");
        assertThat(repository().recentEvents(ALICE, 10)).hasSize(5);
        assertThat(repository().details(ALICE, 1).events()).extracting(BounceEvent::reportKey).containsExactly("<r4@mx>");
    }

    @Test
    default void attemptsShouldListOnlyEventsSinceTheGivenInstant() {
        repository().recordEvent(event("<r1@mx>", ALICE, T0, Category.MAILBOX_FULL));
        repository().recordEvent(event("<r2@mx>", ALICE, T0.plus(Duration.ofDays(2)), Category.DELIVERED));
        repository().recordEvent(event("<r3@mx>", ALICE, T0.plus(Duration.ofDays(3)), Category.THROTTLED));
        repository().recordEvent(event("<r4@mx>", BOB, T0.plus(Duration.ofDays(3)), Category.THROTTLED));

        assertThat(repository().attempts(ALICE, T0.plus(Duration.ofDays(2)))).containsExactly(
            new Attempt(T0.plus(Duration.ofDays(2)), Category.DELIVERED, "test-rule"),
            new Attempt(T0.plus(Duration.ofDays(3)), Category.THROTTLED, "test-rule"));
    }

    @Test
    default void countEventsShouldGroupByDomainAndCategoryWithinTheWindow() {
        repository().recordEvent(event("<r1@mx>", ALICE, T0, Category.BLOCKED));
        repository().recordEvent(event("<r2@mx>", BOB, T0.plusSeconds(10), Category.BLOCKED));
        repository().recordEvent(event("<r3@mx>", BOB, T0.plusSeconds(20), Category.SPAM));
        repository().recordEvent(event("<r4@mx>", CAROL, T0.plusSeconds(30), Category.BLOCKED));
        repository().recordEvent(event("<r5@mx>", CAROL, T0.plus(Duration.ofDays(1)), Category.BLOCKED));

        assertThat(repository().countEvents(T0, T0.plus(Duration.ofHours(1)))).containsExactlyInAnyOrder(
            new EventCount("example.org", Category.BLOCKED, 2),
            new EventCount("example.org", Category.SPAM, 1),
            new EventCount("example.net", Category.BLOCKED, 1));
    }

    @Test
    default void purgeEventsBeforeShouldDeleteOnlyOlderEvents() {
        repository().recordEvent(event("<r1@mx>", ALICE, T0, Category.BLOCKED));
        repository().recordEvent(event("<r2@mx>", ALICE, T0.plus(Duration.ofDays(10)), Category.BLOCKED));

        assertThat(repository().purgeEventsBefore(T0.plus(Duration.ofDays(1)))).isEqualTo(1);

        assertThat(repository().events(ALICE)).extracting(BounceEvent::reportKey).containsExactly("<r2@mx>");
    }

    // ---- suppressions

    @Test
    default void suppressShouldMakeTheAddressSuppressed() {
        repository().suppress(hard(ALICE, T0));

        assertThat(repository().isSuppressed(ALICE, T0)).isTrue();
        assertThat(repository().isSuppressed(BOB, T0)).isFalse();
    }

    @Test
    default void findShouldReturnEveryStoredField() {
        Suppression suppression = new Suppression(ALICE, Category.MAILBOX_FULL, EventSource.SYNCHRONOUS_DELIVERY_FAILURE,
            "soft-streak-exceeded", T0, Optional.of(T0.plus(Duration.ofDays(90))), Optional.of("<r1@mx>"),
            Optional.of(new ReplyCode(452)), Optional.of(EnhancedStatus.of("4.2.2")), Optional.of("452 4.2.2 Mailbox full"),
            Optional.of("dns; mx.example.net"), Optional.of("<original@sender.example>"));

        repository().suppress(suppression);

        assertThat(repository().find(ALICE)).contains(suppression);
        assertThat(repository().find(BOB)).isEmpty();
    }

    @Test
    default void anExpiredEntryShouldNoLongerSuppress() {
        repository().suppress(soft(ALICE, T0, Duration.ofDays(90)));

        assertThat(repository().isSuppressed(ALICE, T0.plus(Duration.ofDays(89)))).isTrue();
        assertThat(repository().isSuppressed(ALICE, T0.plus(Duration.ofDays(90)))).isFalse();
        assertThat(repository().find(ALICE)).isPresent();
    }

    @Test
    default void suppressedAmongShouldAnswerForManyAddressesAtOnce() {
        repository().suppress(hard(ALICE, T0));
        repository().suppress(soft(CAROL, T0, Duration.ofDays(1)));
        List<AddressKey> recipients = new ArrayList<>(List.of(ALICE, BOB, CAROL));
        IntStream.range(0, 1200).forEach(i -> recipients.add(AddressKey.of("user" + i + "@example.com")));
        repository().suppress(hard(AddressKey.of("user1100@example.com"), T0));

        assertThat(repository().suppressedAmong(recipients, T0.plus(Duration.ofDays(2))))
            .containsExactlyInAnyOrder(ALICE, AddressKey.of("user1100@example.com"));
        assertThat(repository().suppressedAmong(List.of(), T0)).isEmpty();
    }

    @Test
    default void suppressShouldNotReplaceAPermanentEntry() {
        Suppression first = hard(ALICE, T0);
        repository().suppress(first);

        repository().suppress(soft(ALICE, T0.plusSeconds(60), Duration.ofDays(90)));
        repository().suppress(Suppression.of(ALICE, Category.COMPLAINT, EventSource.ARF, "complaint-at-once",
            T0.plusSeconds(120), Optional.empty()));

        assertThat(repository().find(ALICE)).contains(first);
    }

    @Test
    default void suppressShouldReplaceAnExpiringEntry() {
        repository().suppress(soft(ALICE, T0, Duration.ofDays(90)));
        Suppression renewed = soft(ALICE, T0.plus(Duration.ofDays(100)), Duration.ofDays(90));
        repository().suppress(renewed);
        assertThat(repository().find(ALICE)).contains(renewed);

        Suppression hard = hard(ALICE, T0.plus(Duration.ofDays(101)));
        repository().suppress(hard);
        assertThat(repository().find(ALICE)).contains(hard);
    }

    @Test
    default void removeShouldLiftTheSuppressionAndAuditIt() {
        repository().suppress(hard(ALICE, T0));
        Change change = new Change("admin@example.org", "user confirmed the mailbox works", T0.plusSeconds(60));

        assertThat(repository().remove(ALICE, change)).isTrue();

        assertThat(repository().isSuppressed(ALICE, T0.plusSeconds(61))).isFalse();
        assertThat(repository().auditHistory(ALICE)).containsExactly(
            new AuditEntry(ALICE, AuditAction.REMOVED, change, Category.USER_UNKNOWN, EventSource.DSN));
    }

    @Test
    default void removeShouldAnswerFalseAndAuditNothingWhenNotSuppressed() {
        assertThat(repository().remove(ALICE, OPERATOR)).isFalse();

        assertThat(repository().auditHistory(ALICE)).isEmpty();
    }

    @Test
    default void aRemovedAddressShouldBeSuppressibleAgain() {
        repository().suppress(hard(ALICE, T0));
        repository().remove(ALICE, OPERATOR);

        repository().suppress(hard(ALICE, T0.plus(Duration.ofDays(1))));

        assertThat(repository().isSuppressed(ALICE, T0.plus(Duration.ofDays(1)))).isTrue();
    }

    @Test
    default void suppressManuallyShouldStoreAndAuditTheAddition() {
        Suppression manual = Suppression.of(ALICE, Category.COMPLAINT, EventSource.MANUAL, Suppression.MANUAL_RULE, T0, Optional.empty());

        repository().suppressManually(manual, OPERATOR);
        repository().remove(ALICE, new Change("admin@example.org", "mistake", T0.plusSeconds(5)));

        assertThat(repository().auditHistory(ALICE)).extracting(AuditEntry::action)
            .containsExactly(AuditAction.ADDED, AuditAction.REMOVED);
    }

    @Test
    default void aManualSuppressionShouldReplaceAnEntryOfAnotherCategoryAndSayItInTheAudit() {
        repository().suppress(hard(ALICE, T0));
        Suppression complaint = Suppression.of(ALICE, Category.COMPLAINT, EventSource.MANUAL, Suppression.MANUAL_RULE,
            T0.plusSeconds(60), Optional.empty());

        repository().suppressManually(complaint, OPERATOR);

        assertThat(repository().find(ALICE)).contains(complaint);
        assertThat(repository().auditHistory(ALICE)).singleElement()
            .satisfies(a -> assertThat(a.category()).isEqualTo(Category.COMPLAINT));
    }

    @Test
    default void detailsShouldJoinTheEntryItsEventsAndItsAudit() {
        BounceEvent event = event("<r1@mx>", ALICE, T0, Category.USER_UNKNOWN);
        repository().recordEvent(event);
        repository().suppressManually(hard(ALICE, T0), OPERATOR);

        SuppressionDetails details = repository().details(ALICE);

        assertThat(details.suppression()).contains(hard(ALICE, T0));
        assertThat(details.events()).containsExactly(event);
        assertThat(details.audit()).hasSize(1);
    }

    @Test
    default void searchShouldFilterByDomainCategorySourceAndDate() {
        repository().suppress(hard(ALICE, T0));
        repository().suppress(soft(BOB, T0.plus(Duration.ofDays(2)), Duration.ofDays(90)));
        repository().suppress(Suppression.of(CAROL, Category.COMPLAINT, EventSource.ARF, "complaint-at-once", T0, Optional.empty()));

        assertThat(addresses(repository().search(SuppressionQuery.all(10).domain("Example.ORG")))).containsExactly(ALICE, BOB);
        assertThat(addresses(repository().search(SuppressionQuery.all(10).category(Category.COMPLAINT)))).containsExactly(CAROL);
        assertThat(addresses(repository().search(SuppressionQuery.all(10).source(EventSource.DSN)))).containsExactly(ALICE, BOB);
        assertThat(addresses(repository().search(SuppressionQuery.all(10).between(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(3))))))
            .containsExactly(BOB);
    }

    @Test
    default void searchShouldPageInAddressOrder() {
        IntStream.range(0, 25).forEach(i -> repository().suppress(hard(AddressKey.of(String.format("u%02d@example.org", i)), T0)));

        SuppressionPage first = repository().search(SuppressionQuery.all(10));
        SuppressionPage second = repository().search(SuppressionQuery.all(10).after(first.next().orElseThrow()));
        SuppressionPage last = repository().search(SuppressionQuery.all(10).after(second.next().orElseThrow()));

        assertThat(addresses(first)).first().isEqualTo(AddressKey.of("u00@example.org"));
        assertThat(addresses(second)).first().isEqualTo(AddressKey.of("u10@example.org"));
        assertThat(addresses(last)).hasSize(5).last().isEqualTo(AddressKey.of("u24@example.org"));
        assertThat(last.next()).isEmpty();
    }

    @Test
    default void forEachSuppressionShouldVisitEveryEntryInAddressOrder() {
        IntStream.range(0, 50).forEach(i -> repository().suppress(hard(AddressKey.of(String.format("u%02d@example.org", i)), T0)));
        List<AddressKey> seen = new ArrayList<>();

        repository().forEachSuppression(s -> seen.add(s.address()));

        assertThat(seen).hasSize(50).isSorted();
    }

    @Test
    default void forEachSuppressionShouldVisitEveryEntryOnceAcrossPages() {
        // more than a JDBC backend's page of 10,000 rows, with a key at each page edge
        int entries = 25_001;
        repository().importSuppressions(IntStream.range(0, entries).mapToObj(i -> Suppression.of(
            AddressKey.of(String.format("p%06d@example.org", i)), Category.USER_UNKNOWN, EventSource.IMPORT, Suppression.IMPORT_RULE,
            T0, Optional.empty())).iterator());
        List<AddressKey> seen = new ArrayList<>();

        repository().forEachSuppression(s -> seen.add(s.address()));

        assertThat(seen).hasSize(entries).doesNotHaveDuplicates().isSorted();
        assertThat(seen.get(entries - 1)).isEqualTo(AddressKey.of(String.format("p%06d@example.org", entries - 1)));
    }

    @Test
    default void importSuppressionsShouldAddOnlyAbsentEntries() {
        Suppression existing = hard(ALICE, T0);
        repository().suppress(existing);
        List<Suppression> batch = new ArrayList<>();
        batch.add(Suppression.of(ALICE, Category.MAILBOX_FULL, EventSource.IMPORT, Suppression.IMPORT_RULE, T0, Optional.empty()));
        IntStream.range(0, 2500).forEach(i -> batch.add(
            Suppression.of(AddressKey.of("imported" + i + "@example.com"), Category.USER_UNKNOWN, EventSource.IMPORT, Suppression.IMPORT_RULE, T0, Optional.empty())));

        assertThat(repository().importSuppressions(batch.iterator())).isEqualTo(2500);

        assertThat(repository().find(ALICE)).contains(existing);
        assertThat(repository().isSuppressed(AddressKey.of("imported2499@example.com"), T0)).isTrue();
        assertThat(repository().importSuppressions(batch.iterator())).isZero();
    }

    @Test
    default void purgeExpiredShouldDeleteOnlyExpiredEntries() {
        repository().suppress(hard(ALICE, T0));
        repository().suppress(soft(BOB, T0, Duration.ofDays(1)));

        assertThat(repository().purgeExpired(T0.plus(Duration.ofDays(2)))).isEqualTo(1);

        assertThat(repository().find(ALICE)).isPresent();
        assertThat(repository().find(BOB)).isEmpty();
    }

    // ---- allowlist

    @Test
    default void allowlistShouldCoverAnAddressOrAWholeDomain() {
        repository().allow(AllowlistEntry.of("Postmaster@Example.ORG", OPERATOR));
        repository().allow(AllowlistEntry.of("Partner.Example", OPERATOR));

        assertThat(repository().isAllowlisted(AddressKey.of("postmaster@example.org"))).isTrue();
        assertThat(repository().isAllowlisted(AddressKey.of("anyone@partner.example"))).isTrue();
        assertThat(repository().isAllowlisted(ALICE)).isFalse();
        assertThat(repository().allowlist()).extracting(AllowlistEntry::value)
            .containsExactly("partner.example", "postmaster@example.org");
    }

    @Test
    default void allowShouldKeepTheFirstEntryAndDisallowShouldRemoveIt() {
        repository().allow(AllowlistEntry.of("partner.example", OPERATOR));
        repository().allow(AllowlistEntry.of("partner.example", new Change("other", "again", T0.plusSeconds(1))));

        assertThat(repository().allowlist()).extracting(AllowlistEntry::change).containsExactly(OPERATOR);
        assertThat(repository().disallow("PARTNER.example")).isTrue();
        assertThat(repository().disallow("partner.example")).isFalse();
        assertThat(repository().isAllowlisted(AddressKey.of("x@partner.example"))).isFalse();
    }

    @Test
    default void aCaseSensitiveEntryShouldMatchOnlyItsExactLocalPart() {
        repository().allow(AllowlistEntry.of("John@Example.org", LocalPartMatching.CASE_SENSITIVE, OPERATOR));

        assertThat(repository().isAllowlisted(AddressKey.of("John@example.org", LocalPartMatching.CASE_SENSITIVE))).isTrue();
        assertThat(repository().isAllowlisted(AddressKey.of("john@example.org"))).isFalse();
        assertThat(repository().disallow("John@example.org")).isTrue();
        assertThat(repository().allowlist()).isEmpty();
    }

    // ---- several servers at once

    /** Two servers (or more) processing the same report at the same moment: one event, not two. */
    @Test
    default void concurrentRecordingOfTheSameReportShouldStoreOneEvent() throws Exception {
        BounceEvent event = event("<same@mx>", ALICE, T0, Category.USER_UNKNOWN);

        List<Boolean> results = concurrently(8, i -> repository().recordEvent(event));

        assertThat(results).containsOnlyOnce(true);
        assertThat(repository().events(ALICE)).hasSize(1);
    }

    @Test
    default void concurrentWritersOfTheSameAddressShouldAllSucceedWithOneEntry() throws Exception {
        List<Boolean> results = concurrently(8, i -> {
            repository().recordEvent(event("<report-" + i + "@mx>", ALICE, T0.plusSeconds(i), Category.USER_UNKNOWN));
            repository().suppress(i % 2 == 0 ? hard(ALICE, T0.plusSeconds(i)) : soft(ALICE, T0.plusSeconds(i), Duration.ofDays(90)));
            return repository().isSuppressed(ALICE, T0.plus(Duration.ofDays(1)));
        });

        assertThat(results).containsOnly(true);
        assertThat(repository().events(ALICE)).hasSize(8);
        assertThat(repository().search(SuppressionQuery.all(100)).items()).hasSize(1);
    }

    @FunctionalInterface
    interface Task<T> {
        T run(int index) throws Exception;
    }

    /** Runs the task on {@code threads} threads released at the same instant; each backend call takes its own connection. */
    private static <T> List<T> concurrently(int threads, Task<T> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<T> callable = () -> {
                    start.await();
                    return task.run(index);
                };
                futures.add(executor.submit(callable));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    private static List<AddressKey> addresses(SuppressionPage page) {
        return page.items().stream().map(Suppression::address).toList();
    }
}
