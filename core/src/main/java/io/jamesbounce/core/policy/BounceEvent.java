package io.jamesbounce.core.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.model.BounceRecord;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.model.Sourced;
import io.jamesbounce.core.text.Truncation;

/**
 * One recipient outcome to record: a classified {@link BounceRecord} flattened to what the store
 * keeps, with where it came from and when.
 *
 * <p>{@code reportKey} plus {@code recipient} identify the event: the same report processed twice
 * (a retried mail, two James servers reading the same bounce) must count once. Use the report's
 * Message-ID, or any id that is stable across reprocessing.
 *
 * @param reportKey  the report's Message-ID or another stable report id
 * @param occurredAt when the delivery was attempted (the report's date), not when it was processed
 * @param ruleId     the classification rule that chose the category
 * @param diagnostic the remote server's text, verbatim
 */
public record BounceEvent(String reportKey, AddressKey recipient, Instant occurredAt, EventSource source,
                          Category category, String ruleId, Optional<ReplyCode> replyCode,
                          Optional<EnhancedStatus> status, Optional<String> diagnostic,
                          Optional<String> reportingMta, Optional<String> originalMessageId,
                          Optional<FeedbackType> feedbackType) {
    public BounceEvent {
        Objects.requireNonNull(reportKey, "reportKey");
        if (reportKey.isBlank()) {
            throw new IllegalArgumentException("reportKey must not be blank: it is what makes recording idempotent");
        }
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(replyCode, "replyCode");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(reportingMta, "reportingMta");
        Objects.requireNonNull(originalMessageId, "originalMessageId");
        Objects.requireNonNull(feedbackType, "feedbackType");
        // bounded here, so no path to the store can carry more than its columns hold: a value the
        // store refuses would fail the same way on every retry
        reportKey = Truncation.end(reportKey, MAX_ID);
        ruleId = Truncation.end(ruleId, MAX_RULE_ID);
        diagnostic = diagnostic.map(d -> Truncation.middle(d, MAX_DIAGNOSTIC));
        reportingMta = reportingMta.map(m -> Truncation.end(m, MAX_REPORTING_MTA));
        originalMessageId = originalMessageId.map(id -> Truncation.end(id, MAX_ID));
    }

    /**
     * The diagnostic kept per event: longer than any reply a server sends (RFC 5321: 512 octets a
     * line, a few lines); a longer text (a notice's whole technical report) keeps its first and last
     * part. The other bounds are the store's columns.
     */
    public static final int MAX_DIAGNOSTIC = 2048;
    /** A Message-ID or report key: RFC 5322's line length. */
    public static final int MAX_ID = 998;
    public static final int MAX_REPORTING_MTA = 1000;
    public static final int MAX_RULE_ID = 128;

    /** An event from a classified report record, recipient normalised with the given matching. */
    public static BounceEvent from(BounceRecord record, EventSource source, Instant occurredAt, String reportKey,
                                   LocalPartMatching matching) {
        return new BounceEvent(reportKey, AddressKey.of(record.recipient(), matching), occurredAt, source,
            record.category(), record.ruleId(), record.replyCode().map(Sourced::value),
            record.status().map(Sourced::value), record.diagnostic(), record.reportingMta(),
            record.originalMessageId(), record.feedbackType());
    }

    /** An event with no SMTP evidence, e.g. a synchronous failure or a manual entry. */
    public static BounceEvent bare(String reportKey, AddressKey recipient, Instant occurredAt, EventSource source,
                                   Category category, String ruleId) {
        return new BounceEvent(reportKey, recipient, occurredAt, source, category, ruleId, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The identity under which the event is stored once. */
    public String idempotencyKey() {
        return reportKey + " " + recipient.value();
    }

    public Attempt attempt() {
        return new Attempt(occurredAt, category, ruleId);
    }

    public BounceEvent withReplyCode(ReplyCode code) {
        return new BounceEvent(reportKey, recipient, occurredAt, source, category, ruleId, Optional.of(code), status,
            diagnostic, reportingMta, originalMessageId, feedbackType);
    }

    public BounceEvent withStatus(EnhancedStatus value) {
        return new BounceEvent(reportKey, recipient, occurredAt, source, category, ruleId, replyCode, Optional.of(value),
            diagnostic, reportingMta, originalMessageId, feedbackType);
    }

    public BounceEvent withDiagnostic(String text) {
        return new BounceEvent(reportKey, recipient, occurredAt, source, category, ruleId, replyCode, status,
            Optional.of(text), reportingMta, originalMessageId, feedbackType);
    }

    public BounceEvent withReportingMta(String mta) {
        return new BounceEvent(reportKey, recipient, occurredAt, source, category, ruleId, replyCode, status,
            diagnostic, Optional.of(mta), originalMessageId, feedbackType);
    }

    public BounceEvent withOriginalMessageId(String messageId) {
        return new BounceEvent(reportKey, recipient, occurredAt, source, category, ruleId, replyCode, status,
            diagnostic, reportingMta, Optional.of(messageId), feedbackType);
    }

    public BounceEvent withFeedbackType(FeedbackType type) {
        return new BounceEvent(reportKey, recipient, occurredAt, source, category, ruleId, replyCode, status,
            diagnostic, reportingMta, originalMessageId, Optional.of(type));
    }
}
