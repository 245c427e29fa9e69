package io.jamesbounce.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.Outcome;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.SuppressionPolicy;
import io.jamesbounce.core.testing.MutableClock;
import io.jamesbounce.store.AuditEntry.AuditAction;

class SuppressionServiceTest {
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final AddressKey ALICE = AddressKey.of("alice@example.org");

    private MutableClock clock;
    private MemorySuppressionRepository repository;
    private SuppressionService service;
    private int reports;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        repository = new MemorySuppressionRepository();
        service = new SuppressionService(repository, repository, new SuppressionPolicy(PolicySettings.defaults(), clock), clock);
    }

    private Decision bounce(Category category) {
        return service.decide(BounceEvent.bare("<report-" + (++reports) + "@mx>", ALICE, clock.instant(), EventSource.DSN,
            category, "test-rule"));
    }

    @Nested
    class Recording {
        @Test
        void aHardBounceShouldSuppressWithItsEvidence() {
            BounceEvent event = BounceEvent.bare("<r1@mx>", ALICE, START, EventSource.DSN, Category.USER_UNKNOWN, "rfc3463-5.1.1")
                .withReplyCode(new ReplyCode(550)).withStatus(EnhancedStatus.of("5.1.1"))
                .withDiagnostic("550 5.1.1 User unknown").withReportingMta("dns; mx.example.net")
                .withOriginalMessageId("<original@sender.example>");

            service.decide(event);

            Suppression stored = repository.find(ALICE).orElseThrow();
            assertThat(stored.ruleId()).isEqualTo(SuppressionPolicy.HARD);
            assertThat(stored.diagnostic()).contains("550 5.1.1 User unknown");
            assertThat(stored.reportingMta()).contains("dns; mx.example.net");
            assertThat(stored.originalMessageId()).contains("<original@sender.example>");
            assertThat(stored.reportKey()).contains("<r1@mx>");
            assertThat(service.isSuppressed(ALICE)).isTrue();
        }

        @Test
        void theSameReportTwiceShouldBeOneEvent() {
            BounceEvent event = BounceEvent.bare("<r1@mx>", ALICE, START, EventSource.DSN, Category.MAILBOX_FULL, "r");

            assertThat(service.decide(event).outcome()).isEqualTo(Outcome.SOFT_STREAK_PENDING);
            assertThat(service.decide(event).outcome()).isEqualTo(Outcome.DUPLICATE);

            assertThat(repository.events(ALICE)).hasSize(1);
        }

        @Test
        void softFailuresForMoreThanFiveDaysShouldSuppressForNinetyDays() {
            bounce(Category.MAILBOX_FULL);
            clock.advance(Duration.ofDays(5).plusMinutes(1));

            assertThat(bounce(Category.MAILBOX_FULL).outcome()).isEqualTo(Outcome.SUPPRESS);
            assertThat(service.isSuppressed(ALICE)).isTrue();

            clock.advance(Duration.ofDays(90));
            assertThat(service.isSuppressed(ALICE)).isFalse();
        }

        @Test
        void aSuccessShouldResetTheStoredStreak() {
            bounce(Category.MAILBOX_FULL);
            clock.advance(Duration.ofDays(3));
            bounce(Category.DELIVERED);
            clock.advance(Duration.ofDays(3));

            assertThat(bounce(Category.MAILBOX_FULL).outcome()).isEqualTo(Outcome.SOFT_STREAK_PENDING);
            assertThat(service.isSuppressed(ALICE)).isFalse();
        }

        @Test
        void anAllowlistedDomainShouldNeverBeSuppressed() {
            repository.allow(AllowlistEntry.of("example.org", new Change("admin", "our own domain", START)));

            assertThat(bounce(Category.USER_UNKNOWN).outcome()).isEqualTo(Outcome.IGNORED_ALLOWLISTED);
            assertThat(service.isSuppressed(ALICE)).isFalse();
            assertThat(repository.events(ALICE)).hasSize(1);
        }

        @Test
        void blockedShouldBeCountedAgainstTheDomainOnly() {
            bounce(Category.BLOCKED);
            bounce(Category.BLOCKED);

            assertThat(service.isSuppressed(ALICE)).isFalse();
            assertThat(repository.countEvents(START, START.plusSeconds(1)))
                .containsExactly(new EventCount("example.org", Category.BLOCKED, 2));
        }
    }

    @Nested
    class ManualChanges {
        @Test
        void removeShouldLiftTheEntryAndAFreshBounceShouldSuppressAgain() {
            bounce(Category.USER_UNKNOWN);

            assertThat(service.remove(ALICE, "admin", "mailbox re-created")).isTrue();
            assertThat(service.isSuppressed(ALICE)).isFalse();

            bounce(Category.USER_UNKNOWN);
            assertThat(service.isSuppressed(ALICE)).isTrue();
            assertThat(repository.auditHistory(ALICE)).extracting(AuditEntry::action).containsExactly(AuditAction.REMOVED);
        }

        @Test
        void suppressManuallyShouldNeverExpireAndBeAudited() {
            Suppression added = service.suppressManually(ALICE, Category.COMPLAINT, "admin", "asked by phone");

            assertThat(added.source()).isEqualTo(EventSource.MANUAL);
            clock.advance(Duration.ofDays(1000));
            assertThat(service.isSuppressed(ALICE)).isTrue();
            assertThat(repository.auditHistory(ALICE)).singleElement()
                .satisfies(entry -> assertThat(entry.change().reason()).isEqualTo("asked by phone"));
        }
    }
}
