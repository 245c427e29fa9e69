package io.jamesbounce.core.classify;

import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.model.Sourced;

/**
 * Gives each recipient a category. The action decides first (a delivery or a delay is not a
 * failure), then a decoder's hint, then the first matching line of the {@link RuleTable}.
 */
public final class Classifier {
    private final RuleTable table;

    public Classifier(RuleTable table) {
        this.table = table;
    }

    public static Classifier withDefaultRules() {
        return new Classifier(RuleTable.defaults());
    }

    public Classification classifyFeedback(FeedbackType type) {
        return switch (type) {
            case AUTH_FAILURE -> new Classification(Category.POLICY, false, "arf.auth-failure");
            case NOT_SPAM -> new Classification(Category.UNKNOWN, false, "arf.not-spam");
            default -> new Classification(Category.COMPLAINT, false, "arf." + type.token());
        };
    }

    public Classification classify(DecodedRecipient r) {
        Optional<Action> action = r.action();
        if (action.isPresent() && (action.get() == Action.DELIVERED || action.get() == Action.RELAYED
            || action.get() == Action.EXPANDED)) {
            return new Classification(Category.DELIVERED, false, "action." + action.get().token());
        }
        if (action.isPresent() && action.get() == Action.DELAYED) {
            return new Classification(Category.DELAYED, false, "action.delayed");
        }
        if (r.hint().isPresent()) {
            Category c = r.hint().get().category();
            return new Classification(c, isHard(c, r), r.hint().get().ruleId());
        }
        return byTable(r.status().map(Sourced::value), r.replyCode().map(Sourced::value), r.diagnostic().orElse(""), r);
    }

    /** Classifies a bare code and text, as a synchronous delivery failure reports them. */
    public Classification classify(Optional<EnhancedStatus> status, Optional<ReplyCode> reply, String text) {
        return byTable(status, reply, text, null);
    }

    private Classification byTable(Optional<EnhancedStatus> status, Optional<ReplyCode> reply, String text, DecodedRecipient r) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (Rule rule : table.rules()) {
            if (rule.matches(status, reply, lower)) {
                return new Classification(rule.category(), isHard(rule.category(), status), rule.id());
            }
        }
        return new Classification(Category.UNKNOWN, false, "none");
    }

    private static boolean isHard(Category c, DecodedRecipient r) {
        return isHard(c, r.status().map(Sourced::value));
    }

    /** The address itself is dead: it does not exist, or its domain takes no mail, and the receiver says so permanently. */
    private static boolean isHard(Category c, Optional<EnhancedStatus> status) {
        boolean dead = c == Category.USER_UNKNOWN || c == Category.BAD_DOMAIN;
        return dead && status.map(s -> !s.isTransient()).orElse(true);
    }
}
