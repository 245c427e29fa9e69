package io.jamesbounce.store;

import static io.jamesbounce.store.StoreFixtures.ALICE;
import static io.jamesbounce.store.StoreFixtures.BOB;
import static io.jamesbounce.store.StoreFixtures.CAROL;
import static io.jamesbounce.store.StoreFixtures.OPERATOR;
import static io.jamesbounce.store.StoreFixtures.T0;
import static io.jamesbounce.store.StoreFixtures.concurrently;
import static io.jamesbounce.store.StoreFixtures.event;
import static io.jamesbounce.store.StoreFixtures.hard;
import static io.jamesbounce.store.StoreFixtures.policy;
import static io.jamesbounce.store.StoreFixtures.soft;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressHistory;
import io.jamesbounce.core.policy.Attempt;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.core.policy.EventSource;

/**
 * What every {@link BounceEventHistory} backend must do. A backend test implements this interface and
 * returns a fresh, empty store from the three methods: {@link BounceEventHistory#recordEventAndDecide}
 * reads the allowlist and writes to the list of the same store, so the three are one store's views.
 * Times are whole seconds: every backend keeps at least microseconds.
 */
public interface BounceEventHistoryContract {
    BounceEventHistory eventHistory();

    /** The same store's list, where a decided suppression lands. */
    SuppressionList suppressionList();

    /** The same store's allowlist, which the decision's history reads. */
    Allowlist allowlist();

    @Test
    default void recordEventAndDecideShouldStoreTheEventAndTheSuppressionItDecided() {
        BounceEvent event = event("<r1@mx>", ALICE, T0, Category.USER_UNKNOWN);

        Optional<Decision> decided = eventHistory().recordEventAndDecide(event, T0.minus(Duration.ofDays(30)), h -> policy().decide(event, h));

        assertThat(decided).hasValueSatisfying(d -> assertThat(d.suppresses()).isTrue());
        assertThat(eventHistory().events(ALICE)).containsExactly(event);
        assertThat(suppressionList().isSuppressed(ALICE, T0)).isTrue();
    }

    @Test
    default void recordEventAndDecideShouldHandTheDecisionAHistoryThatHoldsTheNewEvent() {
        eventHistory().recordEvent(event("<r1@mx>", ALICE, T0.minus(Duration.ofDays(1)), Category.MAILBOX_FULL));
        allowlist().allow(new AllowlistEntry("example.org", OPERATOR));
        BounceEvent event = event("<r2@mx>", ALICE, T0, Category.MAILBOX_FULL);
        List<AddressHistory> seen = new ArrayList<>();

        eventHistory().recordEventAndDecide(event, T0.minus(Duration.ofDays(30)), h -> {
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
            eventHistory().recordEventAndDecide(event, since, h -> {
                throw new IllegalStateException("the server died between the two writes");
            });
        } catch (IllegalStateException expected) {
            // as James would see it: the mail goes back for a retry
        }
        assertThat(eventHistory().events(ALICE)).isEmpty();
        assertThat(suppressionList().isSuppressed(ALICE, T0)).isFalse();

        Optional<Decision> retried = eventHistory().recordEventAndDecide(event, since, h -> policy().decide(event, h));

        assertThat(retried).as("the retry is no duplicate").isPresent();
        assertThat(suppressionList().isSuppressed(ALICE, T0)).isTrue();
    }

    @Test
    default void recordEventAndDecideShouldDecideNothingForAReplayedReport() {
        BounceEvent event = event("<r1@mx>", ALICE, T0, Category.USER_UNKNOWN);
        Instant since = T0.minus(Duration.ofDays(30));
        eventHistory().recordEventAndDecide(event, since, h -> policy().decide(event, h));
        List<AddressHistory> seen = new ArrayList<>();

        Optional<Decision> replayed = eventHistory().recordEventAndDecide(event, since, h -> {
            seen.add(h);
            return policy().decide(event, h);
        });

        assertThat(replayed).isEmpty();
        assertThat(seen).isEmpty();
        assertThat(eventHistory().events(ALICE)).hasSize(1);
    }

    @Test
    default void recordEventShouldKeepEveryFieldVerbatim() {
        BounceEvent event = new BounceEvent("<report-1@mx.example.net>", ALICE, T0, EventSource.ARF, Category.COMPLAINT,
            "arf-abuse", Optional.of(new ReplyCode(550)), Optional.of(EnhancedStatus.of("5.7.1")),
            Optional.of("smtp; 550 5.7.1 Message rejected: \"spam\" — see https://example.net/why"),
            Optional.of("dns; fbl.example.net"), Optional.of("<original@sender.example>"), Optional.of(FeedbackType.ABUSE));

        assertThat(eventHistory().recordEvent(event)).isTrue();

        assertThat(eventHistory().events(ALICE)).containsExactly(event);
    }

    @Test
    default void recordEventShouldStoreTheSameReportForTheSameRecipientOnce() {
        BounceEvent event = event("<r1@mx>", ALICE, T0, Category.USER_UNKNOWN);

        assertThat(eventHistory().recordEvent(event)).isTrue();
        assertThat(eventHistory().recordEvent(event)).isFalse();
        assertThat(eventHistory().recordEvent(event("<r1@mx>", ALICE, T0.plusSeconds(60), Category.MAILBOX_FULL))).isFalse();

        assertThat(eventHistory().events(ALICE)).containsExactly(event);
    }

    @Test
    default void recordEventShouldKeepOneReportForSeveralRecipients() {
        eventHistory().recordEvent(event("<r1@mx>", ALICE, T0, Category.USER_UNKNOWN));
        eventHistory().recordEvent(event("<r1@mx>", BOB, T0, Category.USER_UNKNOWN));

        assertThat(eventHistory().events(ALICE)).hasSize(1);
        assertThat(eventHistory().events(BOB)).hasSize(1);
    }

    @Test
    default void eventsShouldBeListedOldestFirst() {
        eventHistory().recordEvent(event("<r2@mx>", ALICE, T0.plusSeconds(60), Category.MAILBOX_FULL));
        eventHistory().recordEvent(event("<r1@mx>", ALICE, T0, Category.MAILBOX_FULL));

        assertThat(eventHistory().events(ALICE)).extracting(BounceEvent::reportKey).containsExactly("<r1@mx>", "<r2@mx>");
    }

    @Test
    default void recentEventsShouldBeTheNewestOnesOldestFirst() {
        for (int i = 0; i < 5; i++) {
            eventHistory().recordEvent(event("<r" + i + "@mx>", ALICE, T0.plus(Duration.ofMinutes(i)), Category.MAILBOX_FULL));
        }
        eventHistory().recordEvent(event("<b@mx>", BOB, T0, Category.MAILBOX_FULL));

        assertThat(eventHistory().recentEvents(ALICE, 2)).extracting(BounceEvent::reportKey).containsExactly("<r3@mx>", "<r4@mx>");
        assertThat(eventHistory().recentEvents(ALICE, 10)).hasSize(5);
    }

    @Test
    default void attemptsShouldListOnlyEventsSinceTheGivenInstant() {
        eventHistory().recordEvent(event("<r1@mx>", ALICE, T0, Category.MAILBOX_FULL));
        eventHistory().recordEvent(event("<r2@mx>", ALICE, T0.plus(Duration.ofDays(2)), Category.DELIVERED));
        eventHistory().recordEvent(event("<r3@mx>", ALICE, T0.plus(Duration.ofDays(3)), Category.THROTTLED));
        eventHistory().recordEvent(event("<r4@mx>", BOB, T0.plus(Duration.ofDays(3)), Category.THROTTLED));

        assertThat(eventHistory().attempts(ALICE, T0.plus(Duration.ofDays(2)))).containsExactly(
            new Attempt(T0.plus(Duration.ofDays(2)), Category.DELIVERED, "test-rule"),
            new Attempt(T0.plus(Duration.ofDays(3)), Category.THROTTLED, "test-rule"));
    }

    @Test
    default void countEventsShouldGroupByDomainAndCategoryWithinTheWindow() {
        eventHistory().recordEvent(event("<r1@mx>", ALICE, T0, Category.BLOCKED));
        eventHistory().recordEvent(event("<r2@mx>", BOB, T0.plusSeconds(10), Category.BLOCKED));
        eventHistory().recordEvent(event("<r3@mx>", BOB, T0.plusSeconds(20), Category.SPAM));
        eventHistory().recordEvent(event("<r4@mx>", CAROL, T0.plusSeconds(30), Category.BLOCKED));
        eventHistory().recordEvent(event("<r5@mx>", CAROL, T0.plus(Duration.ofDays(1)), Category.BLOCKED));

        assertThat(eventHistory().countEvents(T0, T0.plus(Duration.ofHours(1)))).containsExactlyInAnyOrder(
            new EventCount("example.org", Category.BLOCKED, 2),
            new EventCount("example.org", Category.SPAM, 1),
            new EventCount("example.net", Category.BLOCKED, 1));
    }

    @Test
    default void purgeEventsBeforeShouldDeleteOnlyOlderEvents() {
        eventHistory().recordEvent(event("<r1@mx>", ALICE, T0, Category.BLOCKED));
        eventHistory().recordEvent(event("<r2@mx>", ALICE, T0.plus(Duration.ofDays(10)), Category.BLOCKED));

        assertThat(eventHistory().purgeEventsBefore(T0.plus(Duration.ofDays(1)))).isEqualTo(1);

        assertThat(eventHistory().events(ALICE)).extracting(BounceEvent::reportKey).containsExactly("<r2@mx>");
    }

    @Test
    default void concurrentRecordingOfTheSameReportShouldStoreOneEvent() throws Exception {
        BounceEvent event = event("<same@mx>", ALICE, T0, Category.USER_UNKNOWN);

        List<Boolean> results = concurrently(8, i -> eventHistory().recordEvent(event));

        assertThat(results).containsOnlyOnce(true);
        assertThat(eventHistory().events(ALICE)).hasSize(1);
    }

    @Test
    default void concurrentWritersOfTheSameAddressShouldAllSucceedWithOneEntry() throws Exception {
        List<Boolean> results = concurrently(8, i -> {
            eventHistory().recordEvent(event("<report-" + i + "@mx>", ALICE, T0.plusSeconds(i), Category.USER_UNKNOWN));
            suppressionList().suppress(i % 2 == 0 ? hard(ALICE, T0.plusSeconds(i)) : soft(ALICE, T0.plusSeconds(i), Duration.ofDays(90)));
            return suppressionList().isSuppressed(ALICE, T0.plus(Duration.ofDays(1)));
        });

        assertThat(results).containsOnly(true);
        assertThat(eventHistory().events(ALICE)).hasSize(8);
        assertThat(suppressionList().search(SuppressionQuery.all(100)).items()).hasSize(1);
    }
}
