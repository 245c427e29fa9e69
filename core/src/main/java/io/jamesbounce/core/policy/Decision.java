package io.jamesbounce.core.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the policy made of one event, and why. The event carries the evidence verbatim (category,
 * classification rule, reply code, enhanced status, diagnostic, Reporting-MTA, original
 * Message-ID, source); {@code ruleId} names the policy rule that decided.
 *
 * @param ruleId      the policy rule, e.g. {@code hard-at-once}, {@code soft-streak-exceeded}
 * @param explanation one sentence for an operator
 * @param expiresAt   for SUPPRESS: when the suppression lapses; empty means never
 */
public record Decision(Outcome outcome, String ruleId, String explanation, BounceEvent event, Instant decidedAt,
                       Optional<Instant> expiresAt) {
    public static final String DUPLICATE_RULE = "duplicate-report";

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (expiresAt.isPresent() && outcome != Outcome.SUPPRESS) {
            throw new IllegalArgumentException("only a suppression expires, not " + outcome);
        }
    }

    /** The answer for a report already recorded for this recipient. */
    public static Decision duplicate(BounceEvent event, Instant decidedAt) {
        return new Decision(Outcome.DUPLICATE, DUPLICATE_RULE,
            "report " + event.reportKey() + " was already recorded for " + event.recipient(), event, decidedAt, Optional.empty());
    }

    public boolean suppresses() {
        return outcome == Outcome.SUPPRESS;
    }
}
