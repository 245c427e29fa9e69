package io.jamesbounce.core.classify;

import java.util.Objects;

import io.jamesbounce.core.model.Category;

/** A category, whether the address is dead, and the rule that said so. */
public record Classification(Category category, boolean hard, String ruleId) {
    public Classification {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(ruleId, "ruleId");
    }
}
