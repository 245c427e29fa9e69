package io.jamesbounce.james.mailets;

import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.model.BounceRecord;
import io.jamesbounce.core.policy.Decision;

/**
 * What became of one recipient of a report: the policy's decision, or why it was not recorded
 * (a feedback report whose recipient the provider redacted, an address the store cannot key).
 */
public record Recorded(Optional<BounceRecord> record, Optional<Decision> decision, Optional<String> skipped) {
    public Recorded {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(skipped, "skipped");
        if (decision.isPresent() == skipped.isPresent()) {
            throw new IllegalArgumentException("exactly one of decision and skipped");
        }
    }

    static Recorded decided(Optional<BounceRecord> record, Decision decision) {
        return new Recorded(record, Optional.of(decision), Optional.empty());
    }

    static Recorded skipped(BounceRecord record, String reason) {
        return new Recorded(Optional.of(record), Optional.empty(), Optional.of(reason));
    }
}
