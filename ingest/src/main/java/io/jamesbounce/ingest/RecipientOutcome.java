package io.jamesbounce.ingest;

import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.model.BounceRecord;
import io.jamesbounce.core.policy.Decision;

/**
 * What became of one recipient of a report or delivery failure: the policy's decision, or why it was
 * not stored (a feedback report whose recipient the provider redacted, an address the store cannot key).
 */
public record RecipientOutcome(Optional<BounceRecord> record, Optional<Decision> decision, Optional<String> skipped) {
    public RecipientOutcome {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(skipped, "skipped");
        if (decision.isPresent() == skipped.isPresent()) {
            throw new IllegalArgumentException("exactly one of decision and skipped");
        }
    }

    public static RecipientOutcome decided(Optional<BounceRecord> record, Decision decision) {
        return new RecipientOutcome(record, Optional.of(decision), Optional.empty());
    }

    public static RecipientOutcome skipped(BounceRecord record, String reason) {
        return new RecipientOutcome(Optional.of(record), Optional.empty(), Optional.of(reason));
    }
}
