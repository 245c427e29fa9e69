package io.jamesbounce.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One classified recipient of a report: what happened, why, and everything verbatim that says so.
 *
 * @param recipient the normalised address; empty only for a feedback report whose provider redacted it
 *                  beyond recovery (it still counts against the sender)
 * @param hard   the address itself is dead (unknown user, unknown domain, moved)
 * @param ruleId the classification rule (or decoder hint) that decided the category
 */
public record BounceRecord(String recipient, Optional<String> originalRecipient, Optional<Action> action,
                           Optional<Sourced<EnhancedStatus>> status, Optional<Sourced<ReplyCode>> replyCode,
                           Optional<String> diagnostic, Optional<SmtpCommand> command, Optional<String> remoteMta,
                           Optional<String> reportingMta,
                           Optional<String> originalMessageId, Category category, boolean hard, String ruleId,
                           Optional<FeedbackType> feedbackType) {
    public BounceRecord {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(originalRecipient, "originalRecipient");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(replyCode, "replyCode");
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(remoteMta, "remoteMta");
        Objects.requireNonNull(reportingMta, "reportingMta");
        Objects.requireNonNull(originalMessageId, "originalMessageId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(feedbackType, "feedbackType");
    }
}
