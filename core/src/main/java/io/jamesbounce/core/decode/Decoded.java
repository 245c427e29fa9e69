package io.jamesbounce.core.decode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.arf.FeedbackReport;
import io.jamesbounce.core.dsn.DeliveryStatus;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.model.ReportKind;

/**
 * What a decoder read: the kind of report, its recipients and, for standard reports, the parsed
 * fields. {@code feedbackType} is set for every feedback report, ARF or not (JMRP, unsubscribe requests).
 */
public record Decoded(ReportKind kind, List<DecodedRecipient> recipients, Optional<String> reportingMta,
                      Optional<DeliveryStatus> deliveryStatus, Optional<FeedbackReport> feedbackReport,
                      Optional<FeedbackType> feedbackType) {
    public Decoded {
        Objects.requireNonNull(kind, "kind");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(reportingMta, "reportingMta");
        Objects.requireNonNull(deliveryStatus, "deliveryStatus");
        Objects.requireNonNull(feedbackReport, "feedbackReport");
        Objects.requireNonNull(feedbackType, "feedbackType");
    }

    public Decoded(ReportKind kind, List<DecodedRecipient> recipients, Optional<String> reportingMta,
                   Optional<DeliveryStatus> deliveryStatus, Optional<FeedbackReport> feedbackReport) {
        this(kind, recipients, reportingMta, deliveryStatus, feedbackReport,
            feedbackReport.flatMap(f -> f.feedbackType().parsed()));
    }

    public static Decoded bounce(List<DecodedRecipient> recipients, Optional<String> reportingMta) {
        return new Decoded(ReportKind.BOUNCE, recipients, reportingMta, Optional.empty(), Optional.empty());
    }

    /** A feedback report that is not ARF: the type is what the format implies. */
    public static Decoded feedback(List<DecodedRecipient> recipients, Optional<String> reporter, FeedbackType type) {
        return new Decoded(ReportKind.FEEDBACK, recipients, reporter, Optional.empty(), Optional.empty(), Optional.of(type));
    }

    public Decoded withRecipients(List<DecodedRecipient> newRecipients) {
        return new Decoded(kind, newRecipients, reportingMta, deliveryStatus, feedbackReport, feedbackType);
    }
}
