package io.jamesbounce.store;

import static io.jamesbounce.store.StoreFixtures.ALICE;
import static io.jamesbounce.store.StoreFixtures.OPERATOR;
import static io.jamesbounce.store.StoreFixtures.T0;
import static io.jamesbounce.store.StoreFixtures.event;
import static io.jamesbounce.store.StoreFixtures.hard;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.store.AuditEntry.AuditAction;

/**
 * What every {@link SuppressionAuditTrail} backend must do. A backend test implements this interface
 * and returns a fresh, empty store from the three methods: the trail is written by the manual changes
 * of the same store's list, and {@link SuppressionDetails#read} joins it with the events. Times are
 * whole seconds: every backend keeps at least microseconds.
 */
public interface SuppressionAuditTrailContract {
    SuppressionAuditTrail auditTrail();

    /** The same store's list, whose manual changes the trail records. */
    SuppressionList suppressionList();

    /** The same store's events, which the details join. */
    BounceEventHistory eventHistory();

    @Test
    default void removeShouldLiftTheSuppressionAndAuditIt() {
        suppressionList().suppress(hard(ALICE, T0));
        Change change = new Change("admin@example.org", "user confirmed the mailbox works", T0.plusSeconds(60));

        assertThat(suppressionList().remove(ALICE, change)).isTrue();

        assertThat(suppressionList().isSuppressed(ALICE, T0.plusSeconds(61))).isFalse();
        assertThat(auditTrail().auditHistory(ALICE)).containsExactly(
            new AuditEntry(ALICE, AuditAction.REMOVED, change, Category.USER_UNKNOWN, EventSource.DSN));
    }

    @Test
    default void removeShouldAnswerFalseAndAuditNothingWhenNotSuppressed() {
        assertThat(suppressionList().remove(ALICE, OPERATOR)).isFalse();

        assertThat(auditTrail().auditHistory(ALICE)).isEmpty();
    }

    @Test
    default void suppressManuallyShouldStoreAndAuditTheAddition() {
        Suppression manual = Suppression.of(ALICE, Category.COMPLAINT, EventSource.MANUAL, Suppression.MANUAL_RULE, T0, Optional.empty());

        suppressionList().suppressManually(manual, OPERATOR);
        suppressionList().remove(ALICE, new Change("admin@example.org", "mistake", T0.plusSeconds(5)));

        assertThat(auditTrail().auditHistory(ALICE)).extracting(AuditEntry::action)
            .containsExactly(AuditAction.ADDED, AuditAction.REMOVED);
    }

    @Test
    default void aManualSuppressionShouldReplaceAnEntryOfAnotherCategoryAndSayItInTheAudit() {
        suppressionList().suppress(hard(ALICE, T0));
        Suppression complaint = Suppression.of(ALICE, Category.COMPLAINT, EventSource.MANUAL, Suppression.MANUAL_RULE,
            T0.plusSeconds(60), Optional.empty());

        suppressionList().suppressManually(complaint, OPERATOR);

        assertThat(suppressionList().find(ALICE)).contains(complaint);
        assertThat(auditTrail().auditHistory(ALICE)).singleElement()
            .satisfies(a -> assertThat(a.category()).isEqualTo(Category.COMPLAINT));
    }

    @Test
    default void detailsShouldJoinTheEntryItsEventsAndItsAudit() {
        BounceEvent event = event("<r1@mx>", ALICE, T0, Category.USER_UNKNOWN);
        eventHistory().recordEvent(event);
        suppressionList().suppressManually(hard(ALICE, T0), OPERATOR);

        SuppressionDetails details = SuppressionDetails.read(ALICE, suppressionList(), eventHistory(), auditTrail());

        assertThat(details.suppression()).contains(hard(ALICE, T0));
        assertThat(details.events()).containsExactly(event);
        assertThat(details.audit()).hasSize(1);
    }

    @Test
    default void detailsWithAnEventLimitShouldHoldTheNewestEventsOnly() {
        for (int i = 0; i < 5; i++) {
            eventHistory().recordEvent(event("<r" + i + "@mx>", ALICE, T0.plus(Duration.ofMinutes(i)), Category.MAILBOX_FULL));
        }

        assertThat(SuppressionDetails.read(ALICE, 1, suppressionList(), eventHistory(), auditTrail()).events())
            .extracting(BounceEvent::reportKey).containsExactly("<r4@mx>");
    }
}
