package io.jamesbounce.core.arf;

import java.util.Optional;

import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.model.FieldValue;
import io.jamesbounce.core.text.MailDates;

/** Parses the body of a message/feedback-report entity (RFC 5965 section 3.1, RFC 6591 section 3.1). */
public final class FeedbackReportParser {
    private FeedbackReportParser() {
    }

    public static FeedbackReport parse(String body) {
        Headers h = Headers.parse(body.replace("\r\n\r\n", "\r\n").replace("\n\n", "\n"));
        String type = h.first("Feedback-Type").orElse("abuse");
        Optional<String> arrival = h.first("Arrival-Date").or(() -> h.first("Received-Date"));
        return new FeedbackReport(
            new FieldValue<>(type, Optional.of(FeedbackType.parse(type))),
            h.first("User-Agent"),
            h.first("Version"),
            h.first("Original-Mail-From"),
            h.all("Original-Rcpt-To"),
            arrival.map(v -> new FieldValue<>(v, MailDates.parse(v))),
            h.first("Source-IP"),
            h.all("Reported-Domain"),
            h.all("Reported-URI"),
            h.all("Authentication-Results"),
            h.first("Auth-Failure"),
            h.fields());
    }
}
