package io.jamesbounce.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.testing.MutableClock;

class SuppressionPolicyTest {
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final AddressKey ALICE = AddressKey.of("alice@example.org");

    private MutableClock clock;
    private SuppressionPolicy policy;
    private List<Attempt> history;
    private int reports;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        policy = new SuppressionPolicy(PolicySettings.defaults(), clock);
        history = new ArrayList<>();
        reports = 0;
    }

    /** Records an event at the clock's time, the way the service does, and decides it. */
    private Decision happen(Category category) {
        return happen(category, "test-rule");
    }

    private Decision happen(Category category, String ruleId) {
        BounceEvent event = BounceEvent.bare("<report-" + (++reports) + "@mx.example.net>", ALICE, clock.instant(),
            EventSource.DSN, category, ruleId);
        history.add(event.attempt());
        return policy.decide(event, new AddressHistory(false, history));
    }

    @Nested
    class HardFailures {
        @Test
        void userUnknownShouldSuppressAtOnceAndForGood() {
            Decision decision = happen(Category.USER_UNKNOWN);

            assertThat(decision.outcome()).isEqualTo(Outcome.SUPPRESS);
            assertThat(decision.ruleId()).isEqualTo(SuppressionPolicy.HARD);
            assertThat(decision.expiresAt()).isEmpty();
        }

        @Test
        void badDomainAndMailboxDisabledShouldSuppressAtOnce() {
            assertThat(happen(Category.BAD_DOMAIN).outcome()).isEqualTo(Outcome.SUPPRESS);
            assertThat(happen(Category.MAILBOX_DISABLED).outcome()).isEqualTo(Outcome.SUPPRESS);
        }

        @Test
        void decisionShouldCarryTheEvidenceVerbatim() {
            BounceEvent event = BounceEvent.bare("<r1@mx>", ALICE, START, EventSource.DSN, Category.USER_UNKNOWN, "rfc3463-5.1.1")
                .withReplyCode(new ReplyCode(550))
                .withStatus(EnhancedStatus.of("5.1.1"))
                .withDiagnostic("smtp; 550 5.1.1 <alice@example.org>: Recipient address rejected: User unknown")
                .withReportingMta("dns; mx.example.net")
                .withOriginalMessageId("<original@sender.example>");

            Decision decision = policy.decide(event, AddressHistory.empty());

            assertThat(decision.event()).isSameAs(event);
            assertThat(decision.event().diagnostic()).contains("smtp; 550 5.1.1 <alice@example.org>: Recipient address rejected: User unknown");
            assertThat(decision.event().source()).isEqualTo(EventSource.DSN);
            assertThat(decision.decidedAt()).isEqualTo(START);
        }
    }

    @Nested
    class Complaints {
        @Test
        void aComplaintShouldSuppressAtOnceAndForGood() {
            Decision decision = happen(Category.COMPLAINT);

            assertThat(decision.outcome()).isEqualTo(Outcome.SUPPRESS);
            assertThat(decision.ruleId()).isEqualTo(SuppressionPolicy.COMPLAINT);
            assertThat(decision.expiresAt()).isEmpty();
        }

        @Test
        void anAbuseReportShouldSuppress() {
            BounceEvent event = BounceEvent.bare("<arf@fbl>", ALICE, START, EventSource.ARF, Category.COMPLAINT, "arf-abuse")
                .withFeedbackType(FeedbackType.ABUSE);

            assertThat(policy.decide(event, AddressHistory.empty()).outcome()).isEqualTo(Outcome.SUPPRESS);
        }

        @Test
        void aNotSpamReportShouldOnlyBeRecorded() {
            BounceEvent event = BounceEvent.bare("<arf@fbl>", ALICE, START, EventSource.ARF, Category.COMPLAINT, "arf")
                .withFeedbackType(FeedbackType.NOT_SPAM);

            Decision decision = policy.decide(event, AddressHistory.empty());

            assertThat(decision.outcome()).isEqualTo(Outcome.RECORD_ONLY);
            assertThat(decision.ruleId()).isEqualTo(SuppressionPolicy.NOT_A_COMPLAINT);
        }
    }

    @Nested
    class RuleTreatments {
        @Test
        void unprovenUnknownUserShouldNotSuppressAtOnce() {
            Decision d = happen(Category.POLICY, PolicySettings.USER_UNKNOWN_AT_DATA_RULE);
            assertThat(d.outcome()).isEqualTo(Outcome.SOFT_STREAK_PENDING);
        }

        @Test
        void unprovenUnknownUserRepeatedForMoreThanTheStreakShouldSuppress() {
            happen(Category.POLICY, PolicySettings.USER_UNKNOWN_AT_DATA_RULE);
            clock.advance(Duration.ofDays(5).plusMinutes(1));

            Decision d = happen(Category.POLICY, PolicySettings.USER_UNKNOWN_AT_DATA_RULE);

            assertThat(d.outcome()).isEqualTo(Outcome.SUPPRESS);
            assertThat(d.expiresAt()).isPresent();
        }

        @Test
        void greylistingShouldOnlyBeRecorded() {
            happen(Category.THROTTLED, PolicySettings.GREYLISTED_RULE);
            clock.advance(Duration.ofDays(6));

            assertThat(happen(Category.THROTTLED, PolicySettings.GREYLISTED_RULE).outcome()).isEqualTo(Outcome.RECORD_ONLY);
        }

        @Test
        void otherPolicyRefusalsShouldStillCountOnlyAgainstTheDomain() {
            assertThat(happen(Category.POLICY, "override.auth").outcome()).isEqualTo(Outcome.COUNT_AGAINST_DOMAIN);
        }
    }

    @Nested
    class SoftStreaks {
        @Test
        void aSingleSoftFailureShouldNotSuppress() {
            assertThat(happen(Category.MAILBOX_FULL).outcome()).isEqualTo(Outcome.SOFT_STREAK_PENDING);
        }

        @Test
        void fourDaysOfSoftFailuresShouldNotSuppress() {
            happen(Category.MAILBOX_FULL);
            clock.advance(Duration.ofDays(4));

            assertThat(happen(Category.MAILBOX_FULL).outcome()).isEqualTo(Outcome.SOFT_STREAK_PENDING);
        }

        @Test
        void exactlyFiveDaysShouldNotYetSuppress() {
            happen(Category.SYSTEM_ERROR);
            clock.advance(Duration.ofDays(5));

            assertThat(happen(Category.SYSTEM_ERROR).outcome()).isEqualTo(Outcome.SOFT_STREAK_PENDING);
        }

        @Test
        void fiveDaysAndOneMinuteOfSoftFailuresShouldSuppress() {
            happen(Category.MAILBOX_FULL);
            clock.advance(Duration.ofDays(2));
            happen(Category.THROTTLED);
            clock.advance(Duration.ofDays(3).plusMinutes(1));

            Decision decision = happen(Category.EXPIRED);

            assertThat(decision.outcome()).isEqualTo(Outcome.SUPPRESS);
            assertThat(decision.ruleId()).isEqualTo(SuppressionPolicy.SOFT_EXCEEDED);
        }

        @Test
        void aSuccessInBetweenShouldResetTheStreak() {
            happen(Category.MAILBOX_FULL);
            clock.advance(Duration.ofDays(3));
            assertThat(happen(Category.DELIVERED).outcome()).isEqualTo(Outcome.RESET_STREAK);
            clock.advance(Duration.ofDays(3));

            assertThat(happen(Category.MAILBOX_FULL).outcome()).isEqualTo(Outcome.SOFT_STREAK_PENDING);
        }

        @Test
        void theStreakShouldCountFromTheFirstFailureAfterTheSuccess() {
            happen(Category.MAILBOX_FULL);
            clock.advance(Duration.ofDays(1));
            happen(Category.DELIVERED);
            clock.advance(Duration.ofDays(1));
            happen(Category.DELAYED);
            clock.advance(Duration.ofDays(5).plusMinutes(1));

            assertThat(happen(Category.DELAYED).outcome()).isEqualTo(Outcome.SUPPRESS);
        }

        @Test
        void blockedAndUnknownEventsShouldNotBreakTheStreak() {
            happen(Category.MAILBOX_FULL);
            clock.advance(Duration.ofDays(3));
            happen(Category.BLOCKED);
            happen(Category.UNKNOWN);
            clock.advance(Duration.ofDays(3));

            assertThat(happen(Category.MAILBOX_FULL).outcome()).isEqualTo(Outcome.SUPPRESS);
        }

        @Test
        void aPromotedEntryShouldExpireAfterNinetyDays() {
            happen(Category.MAILBOX_FULL);
            clock.advance(Duration.ofDays(6));

            Decision decision = happen(Category.MAILBOX_FULL);

            assertThat(decision.expiresAt()).contains(clock.instant().plus(Duration.ofDays(90)));
        }

        @Test
        void theThresholdAndLifetimeShouldBeConfigurable() {
            policy = new SuppressionPolicy(PolicySettings.defaults()
                .withSoftStreak(Duration.ofHours(12)).withSoftLifetime(Duration.ofDays(7)), clock);
            happen(Category.MAILBOX_FULL);
            clock.advance(Duration.ofHours(13));

            Decision decision = happen(Category.MAILBOX_FULL);

            assertThat(decision.outcome()).isEqualTo(Outcome.SUPPRESS);
            assertThat(decision.expiresAt()).contains(clock.instant().plus(Duration.ofDays(7)));
        }

        @Test
        void aSuccessReportedAfterTheEventShouldNotResetIt() {
            BounceEvent first = BounceEvent.bare("<a>", ALICE, START, EventSource.DSN, Category.MAILBOX_FULL, "r");
            BounceEvent late = BounceEvent.bare("<b>", ALICE, START.plus(Duration.ofDays(6)), EventSource.DSN, Category.MAILBOX_FULL, "r");
            Attempt laterSuccess = new Attempt(START.plus(Duration.ofDays(7)), Category.DELIVERED);

            Decision decision = policy.decide(late, AddressHistory.of(first.attempt(), laterSuccess));

            assertThat(decision.outcome()).isEqualTo(Outcome.SUPPRESS);
        }
    }

    @Nested
    class DomainAndRecordOnly {
        @Test
        void blockedShouldNeverSuppressButCountAgainstTheDomain() {
            for (int day = 0; day < 10; day++) {
                Decision decision = happen(Category.BLOCKED);
                assertThat(decision.outcome()).isEqualTo(Outcome.COUNT_AGAINST_DOMAIN);
                assertThat(decision.explanation()).contains("example.org");
                clock.advance(Duration.ofDays(1));
            }
        }

        @Test
        void spamAndPolicyShouldCountAgainstTheDomain() {
            assertThat(happen(Category.SPAM).outcome()).isEqualTo(Outcome.COUNT_AGAINST_DOMAIN);
            assertThat(happen(Category.POLICY).outcome()).isEqualTo(Outcome.COUNT_AGAINST_DOMAIN);
        }

        @Test
        void unknownAndMessageTooLargeShouldOnlyBeRecorded() {
            assertThat(happen(Category.UNKNOWN).outcome()).isEqualTo(Outcome.RECORD_ONLY);
            assertThat(happen(Category.MESSAGE_TOO_LARGE).outcome()).isEqualTo(Outcome.RECORD_ONLY);
        }

        @Test
        void aCategoryShouldBeReconfigurable() {
            policy = new SuppressionPolicy(PolicySettings.defaults().withTreatment(Category.SPAM, Treatment.SUPPRESS_AT_ONCE), clock);

            assertThat(happen(Category.SPAM).outcome()).isEqualTo(Outcome.SUPPRESS);
        }
    }

    @Nested
    class Allowlist {
        @Test
        void anAllowlistedAddressShouldNeverBeSuppressed() {
            BounceEvent event = BounceEvent.bare("<r>", ALICE, START, EventSource.DSN, Category.USER_UNKNOWN, "r");

            Decision decision = policy.decide(event, AddressHistory.empty().allowlist());

            assertThat(decision.outcome()).isEqualTo(Outcome.IGNORED_ALLOWLISTED);
            assertThat(decision.ruleId()).isEqualTo(SuppressionPolicy.ALLOWLISTED);
            assertThat(decision.explanation()).contains(SuppressionPolicy.HARD);
        }

        @Test
        void anAllowlistedAddressShouldNotBeSuppressedForAComplaintOrASoftStreak() {
            BounceEvent complaint = BounceEvent.bare("<r>", ALICE, START, EventSource.ARF, Category.COMPLAINT, "r");
            BounceEvent first = BounceEvent.bare("<a>", ALICE, START, EventSource.DSN, Category.MAILBOX_FULL, "r");
            BounceEvent sixDaysLater = BounceEvent.bare("<b>", ALICE, START.plus(Duration.ofDays(6)), EventSource.DSN, Category.MAILBOX_FULL, "r");

            assertThat(policy.decide(complaint, AddressHistory.empty().allowlist()).outcome()).isEqualTo(Outcome.IGNORED_ALLOWLISTED);
            assertThat(policy.decide(sixDaysLater, AddressHistory.of(first.attempt()).allowlist()).outcome())
                .isEqualTo(Outcome.IGNORED_ALLOWLISTED);
        }

        @Test
        void anAllowlistedAddressShouldStillCountAgainstItsDomain() {
            BounceEvent event = BounceEvent.bare("<r>", ALICE, START, EventSource.DSN, Category.BLOCKED, "r");

            assertThat(policy.decide(event, AddressHistory.empty().allowlist()).outcome()).isEqualTo(Outcome.COUNT_AGAINST_DOMAIN);
        }
    }

    @Nested
    class Settings {
        @Test
        void defaultsShouldFollowTheDocumentedTable() {
            PolicySettings settings = PolicySettings.defaults();

            assertThat(settings.softStreak()).isEqualTo(Duration.ofDays(5));
            assertThat(settings.softLifetime()).isEqualTo(Duration.ofDays(90));
            assertThat(settings.treatmentOf(Category.MAILBOX_FULL)).isEqualTo(Treatment.SOFT);
            assertThat(settings.treatmentOf(Category.BLOCKED)).isEqualTo(Treatment.COUNT_AGAINST_DOMAIN);
        }

        @Test
        void aHistoryWindowShorterThanTheStreakShouldBeRejected() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> PolicySettings.defaults().withHistoryWindow(Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("historyWindow");
        }

        @Test
        void decisionShouldRefuseAnExpiryOnANonSuppression() {
            BounceEvent event = BounceEvent.bare("<r>", ALICE, START, EventSource.DSN, Category.BLOCKED, "r");
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                    new Decision(Outcome.RECORD_ONLY, "x", "y", event, START, Optional.of(START)))
                .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
