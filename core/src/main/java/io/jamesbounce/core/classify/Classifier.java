package io.jamesbounce.core.classify;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.model.SmtpCommand;
import io.jamesbounce.core.model.Sourced;

/**
 * Gives each recipient a category. The action decides first (a delivery or a delay is not a
 * failure), then a decoder's hint, then the first matching line of the {@link RuleTable}.
 */
public final class Classifier {
    /** The rules whose words name an expiry ("message expired"): a cause even in a warning. */
    private static final Set<String> NAMED_EXPIRY = Set.of("text.lifetime-expired", "text.expired");
    private final RuleTable table;

    public Classifier(RuleTable table) {
        this.table = table;
    }

    public static Classifier withDefaultRules() {
        return new Classifier(RuleTable.defaults());
    }

    public Classification classifyFeedback(FeedbackType type) {
        // Every feedback report is a complaint-class record; what it means for the address is the
        // policy's business, by feedback type (abuse suppresses, auth-failure does not).
        return new Classification(Category.COMPLAINT, false, "feedback." + type.token());
    }

    public Classification classify(DecodedRecipient r) {
        Optional<Action> action = r.action();
        if (action.isPresent() && (action.get() == Action.DELIVERED || action.get() == Action.RELAYED
            || action.get() == Action.EXPANDED)) {
            return new Classification(Category.DELIVERED, false, "action." + action.get().token());
        }
        Classification c;
        if (r.hint().isPresent()) {
            Category hinted = r.hint().get().category();
            c = new Classification(hinted, isHard(hinted, r), r.hint().get().ruleId(), r.hint().get().inferredDetail());
        } else {
            c = byTable(r.status().map(Sourced::value), r.replyCode().map(Sourced::value), r.command(), r.diagnostic().orElse(""));
            c = c.withCategory(c.category(), isHard(c.category(), r));
        }
        if (action.isPresent() && action.get() == Action.DELAYED) {
            return delayed(c, r.diagnostic().orElse(""));
        }
        return c;
    }

    /**
     * A delay warning keeps a cause it names (full mailbox, block); a warning that names none is
     * {@code delayed}: {@code expired} is only for a notice that gave up.
     */
    private static Classification delayed(Classification c, String diagnostic) {
        return switch (c.category()) {
            case UNKNOWN -> new Classification(Category.DELAYED, false, "action.delayed");
            case EXPIRED -> namesExpiry(c, diagnostic) ? c : new Classification(Category.DELAYED, false, "action.delayed");
            case USER_UNKNOWN, BAD_DOMAIN, MAILBOX_DISABLED -> c.withCategory(c.category(), false);
            default -> c;
        };
    }

    /** A 4.4.7 is how servers say "still trying"; with the word "expired" ("Envelope expired") the lifetime did run out. */
    private static boolean namesExpiry(Classification c, String diagnostic) {
        return NAMED_EXPIRY.contains(c.ruleId())
            || c.ruleId().equals("status.expired") && diagnostic.toLowerCase(Locale.ROOT).contains("expired");
    }

    /**
     * The status to record when a report gave none: an X.0.9xx code, a range RFC 3463 leaves
     * unassigned, so it can never be mistaken for a code a server sent; the detail names the
     * cause as the Sisimai library's convention does (911 unknown user, 922 full mailbox...).
     * Records keep it apart with {@link io.jamesbounce.core.model.CodeOrigin#INFERRED}. Its class
     * follows the receiver's failure reply when there is one (RFC 3463: an enhanced code's class
     * agrees with its reply code's), else the action: a notice that gave up after a "421" says
     * 4.0.947, one that gave up without a reply 5.0.947.
     */
    public static Optional<EnhancedStatus> inferredStatus(Classification c, Optional<Action> action, Optional<ReplyCode> reply) {
        int detail;
        if (c.inferredDetail().isPresent()) {
            detail = c.inferredDetail().getAsInt();
        } else {
            detail = switch (c.category()) {
                case USER_UNKNOWN -> 911;
                case BAD_DOMAIN -> 912;
                case MAILBOX_DISABLED -> 921;
                case MAILBOX_FULL -> 922;
                case MESSAGE_TOO_LARGE -> 934;
                case BLOCKED -> 971;
                case SPAM -> 980;
                case POLICY -> 910;
                case THROTTLED -> 923;
                case EXPIRED, DELAYED -> 947;
                case SYSTEM_ERROR -> 930;
                case UNKNOWN -> 900;
                case DELIVERED, COMPLAINT -> 0;
            };
        }
        if (detail == 0) {
            return Optional.empty();
        }
        int statusClass = reply.map(ReplyCode::statusClass).filter(k -> k == 4 || k == 5)
            .orElse(action.filter(a -> a == Action.DELAYED).isPresent() ? 4 : 5);
        return Optional.of(new EnhancedStatus(statusClass, 0, detail));
    }

    private static boolean isDead(Category c) {
        return c == Category.USER_UNKNOWN || c == Category.BAD_DOMAIN || c == Category.MAILBOX_DISABLED;
    }

    /** Classifies a bare code and text, as a synchronous delivery failure reports them. */
    public Classification classify(Optional<EnhancedStatus> status, Optional<ReplyCode> reply, String text) {
        return byTable(status, reply, Optional.empty(), text);
    }

    private Classification byTable(Optional<EnhancedStatus> status, Optional<ReplyCode> reply, Optional<SmtpCommand> command,
                                   String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return table.firstMatch(status, reply, command, lower)
            .map(rule -> new Classification(rule.category(), isHard(rule.category(), status), rule.id(), rule.inferredDetail()))
            .orElseGet(() -> new Classification(Category.UNKNOWN, false, "none"));
    }

    private static boolean isHard(Category c, DecodedRecipient r) {
        // A notice that says the delivery failed for good is final even when it quotes the
        // receiver's transient code (a 4.1.1 the sending MTA gave up on).
        if (r.action().filter(a -> a == Action.FAILED).isPresent()) {
            return isDead(c);
        }
        return isHard(c, r.status().map(Sourced::value));
    }

    /**
     * The address itself is dead: it does not exist, its domain takes no mail, or its mailbox is
     * disabled or suspended, and the receiver says so permanently.
     */
    private static boolean isHard(Category c, Optional<EnhancedStatus> status) {
        boolean dead = isDead(c);
        return dead && status.map(s -> !s.isTransient()).orElse(true);
    }
}
