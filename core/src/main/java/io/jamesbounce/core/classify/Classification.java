package io.jamesbounce.core.classify;

import java.util.Objects;

import io.jamesbounce.core.model.Category;

/**
 * A category, whether the address is dead, the rule that said so, and the detail of the X.0.9xx
 * status to infer for a report that gave none.
 */
public record Classification(Category category, boolean hard, String ruleId, java.util.OptionalInt inferredDetail) {
    public Classification {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(inferredDetail, "inferredDetail");
    }

    public Classification(Category category, boolean hard, String ruleId) {
        this(category, hard, ruleId, java.util.OptionalInt.empty());
    }

    public Classification withCategory(Category newCategory, boolean newHard) {
        return new Classification(newCategory, newHard, ruleId, newCategory == category ? inferredDetail : java.util.OptionalInt.empty());
    }
}
