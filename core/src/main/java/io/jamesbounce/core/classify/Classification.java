package io.jamesbounce.core.classify;

import java.util.Objects;
import java.util.OptionalInt;

import io.jamesbounce.core.model.Category;

/**
 * A category, whether the address is dead, the rule that said so, and the detail of the X.0.9xx
 * status to infer for a report that gave none.
 */
public record Classification(Category category, boolean hard, String ruleId, OptionalInt inferredDetail) {
    public Classification {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(inferredDetail, "inferredDetail");
    }

    public Classification(Category category, boolean hard, String ruleId) {
        this(category, hard, ruleId, OptionalInt.empty());
    }

    /** The rule that reads greylisting: a routine deferral of every new sender, never a verdict on the address or the sender. */
    public static final String GREYLISTED_RULE = "text.greylisted";

    /** Whether a record of this rule is a routine deferral that no rate and no reputation should count. */
    public static boolean isRoutineDeferral(String ruleId) {
        return GREYLISTED_RULE.equals(ruleId);
    }

    public Classification withCategory(Category newCategory, boolean newHard) {
        return new Classification(newCategory, newHard, ruleId, newCategory == category ? inferredDetail : OptionalInt.empty());
    }
}
