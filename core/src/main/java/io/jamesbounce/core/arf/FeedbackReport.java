package io.jamesbounce.core.arf;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.model.FieldValue;

/**
 * A machine-readable feedback report: RFC 5965 (ARF) fields, RFC 6591 authentication-failure
 * fields among {@code fields}, every field verbatim.
 */
public record FeedbackReport(FieldValue<FeedbackType> feedbackType, Optional<String> userAgent, Optional<String> version,
                             Optional<String> originalMailFrom, List<String> originalRcptTo,
                             Optional<FieldValue<OffsetDateTime>> arrivalDate, Optional<String> sourceIp,
                             List<String> reportedDomains, List<String> reportedUris,
                             List<String> authenticationResults, Optional<String> authFailure,
                             List<Headers.Field> fields) {
    public FeedbackReport {
        originalRcptTo = List.copyOf(originalRcptTo);
        reportedDomains = List.copyOf(reportedDomains);
        reportedUris = List.copyOf(reportedUris);
        authenticationResults = List.copyOf(authenticationResults);
        fields = List.copyOf(fields);
    }
}
