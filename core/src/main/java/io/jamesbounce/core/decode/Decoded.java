package io.jamesbounce.core.decode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.arf.FeedbackReport;
import io.jamesbounce.core.dsn.DeliveryStatus;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.ReportKind;

/** What a decoder read: the kind of report, its recipients and, for standard reports, the parsed fields. */
public record Decoded(ReportKind kind, List<DecodedRecipient> recipients, Optional<String> reportingMta,
                      Optional<DeliveryStatus> deliveryStatus, Optional<FeedbackReport> feedbackReport) {
    public Decoded {
        Objects.requireNonNull(kind, "kind");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(reportingMta, "reportingMta");
        Objects.requireNonNull(deliveryStatus, "deliveryStatus");
        Objects.requireNonNull(feedbackReport, "feedbackReport");
    }

    public static Decoded bounce(List<DecodedRecipient> recipients, Optional<String> reportingMta) {
        return new Decoded(ReportKind.BOUNCE, recipients, reportingMta, Optional.empty(), Optional.empty());
    }
}
