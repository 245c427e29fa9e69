package io.jamesbounce.core.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what one bounce or complaint means for its recipient. Pure: everything it needs comes in
 * as arguments (the event and the address's history) or from the injected clock, so the same
 * inputs give the same decision and the time rules are tested without waiting.
 *
 * <p>Rule ids, stable for logs and the store: {@value #HARD}, {@value #COMPLAINT}, {@value #NOT_A_COMPLAINT},
 * {@value #SOFT_EXCEEDED}, {@value #SOFT_PENDING}, {@value #SUCCESS}, {@value #DOMAIN}, {@value #RECORD},
 * {@value #ALLOWLISTED}.
 */
public final class SuppressionPolicy {
    public static final String HARD = "hard-at-once";
    public static final String COMPLAINT = "complaint-at-once";
    public static final String NOT_A_COMPLAINT = "feedback-not-a-complaint";
    public static final String SOFT_EXCEEDED = "soft-streak-exceeded";
    public static final String SOFT_PENDING = "soft-streak-pending";
    public static final String SUCCESS = "success-resets-streak";
    public static final String DOMAIN = "counts-against-domain";
    public static final String RECORD = "record-only";
    public static final String ALLOWLISTED = "allowlisted";

    private final PolicySettings settings;
    private final Clock clock;

    public SuppressionPolicy(PolicySettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public PolicySettings settings() {
        return settings;
    }

    public Decision decide(BounceEvent event, AddressHistory history) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(history, "history");
        Instant now = clock.instant();
        Treatment treatment = settings.treatmentOf(event.category(), event.ruleId());
        String category = event.category().label();
        Decision decision = switch (treatment) {
            case SUCCESS -> decision(Outcome.RESET_STREAK, SUCCESS, "delivered: any soft-failure streak starts again", event, now);
            case COUNT_AGAINST_DOMAIN -> decision(Outcome.COUNT_AGAINST_DOMAIN, DOMAIN,
                category + " says the sender or content was refused, not the address: counted against " + event.recipient().domain(), event, now);
            case RECORD_ONLY -> decision(Outcome.RECORD_ONLY, RECORD, category + " is recorded only", event, now);
            case SUPPRESS_AT_ONCE -> decision(Outcome.SUPPRESS, HARD, category + " means the address is dead: suppressed for good", event, now);
            case COMPLAINT -> complaint(event, now);
            case SOFT -> softStreak(event, history, now);
        };
        // The allowlist overrides only the suppression itself: the event still counts in statistics.
        if (decision.suppresses() && history.allowlisted()) {
            return decision(Outcome.IGNORED_ALLOWLISTED, ALLOWLISTED,
                event.recipient() + " is allowlisted: not suppressed (" + decision.ruleId() + " would have)", event, now);
        }
        return decision;
    }

    private Decision complaint(BounceEvent event, Instant now) {
        // An ARF report of type not-spam, auth-failure or opt-out is not the recipient saying "stop".
        if (event.feedbackType().filter(type -> !type.isComplaint()).isPresent()) {
            return decision(Outcome.RECORD_ONLY, NOT_A_COMPLAINT,
                "feedback type " + event.feedbackType().get().token() + " is not a complaint", event, now);
        }
        return decision(Outcome.SUPPRESS, COMPLAINT, "the recipient complained: suppressed for good", event, now);
    }

    private Decision softStreak(BounceEvent event, AddressHistory history, Instant now) {
        Instant at = event.occurredAt();
        // Only what happened up to this event counts: a later success reported earlier is not "in between".
        Optional<Instant> lastSuccess = history.attempts().stream()
            .filter(a -> treatmentOf(a) == Treatment.SUCCESS && !a.at().isAfter(at))
            .map(Attempt::at)
            .max(Instant::compareTo);
        Instant streakStart = history.attempts().stream()
            .filter(a -> treatmentOf(a) == Treatment.SOFT && !a.at().isAfter(at))
            .filter(a -> lastSuccess.map(success -> a.at().isAfter(success)).orElse(true))
            .map(Attempt::at)
            .min(Instant::compareTo)
            .filter(start -> start.isBefore(at))
            .orElse(at);
        Duration streak = Duration.between(streakStart, at);
        if (streak.compareTo(settings.softStreak()) > 0) {
            Instant expiry = now.plus(settings.softLifetime());
            return new Decision(Outcome.SUPPRESS, SOFT_EXCEEDED,
                event.category().label() + " on every attempt for " + streak + " since " + streakStart
                    + " (threshold " + settings.softStreak() + "): suppressed until " + expiry,
                event, now, Optional.of(expiry));
        }
        return decision(Outcome.SOFT_STREAK_PENDING, SOFT_PENDING,
            event.category().label() + ": failing softly for " + streak + " of " + settings.softStreak(), event, now);
    }

    private Treatment treatmentOf(Attempt attempt) {
        return settings.treatmentOf(attempt.category(), attempt.ruleId());
    }

    private static Decision decision(Outcome outcome, String rule, String explanation, BounceEvent event, Instant now) {
        return new Decision(outcome, rule, explanation, event, now, Optional.empty());
    }
}
