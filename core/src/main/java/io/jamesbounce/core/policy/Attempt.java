package io.jamesbounce.core.policy;

import java.time.Instant;
import java.util.Objects;

import io.jamesbounce.core.model.Category;

/** One past delivery outcome for an address, as much of an event as the soft-streak rule needs. */
public record Attempt(Instant at, Category category) {
    public Attempt {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(category, "category");
    }
}
