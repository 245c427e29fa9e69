package io.jamesbounce.core.policy;

import java.time.Instant;
import java.util.Objects;

import io.jamesbounce.core.model.Category;

/** One past delivery outcome for an address, as much of an event as the soft-streak rule needs. */
public record Attempt(Instant at, Category category, String ruleId) {
    public Attempt {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(ruleId, "ruleId");
    }

    /** An attempt whose classification rule does not matter (tests, imports). */
    public Attempt(Instant at, Category category) {
        this(at, category, "");
    }
}
