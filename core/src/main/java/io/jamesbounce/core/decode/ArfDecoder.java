package io.jamesbounce.core.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.arf.FeedbackReport;
import io.jamesbounce.core.arf.FeedbackReportParser;
import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.mime.MimePart;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.text.Addresses;

/**
 * RFC 5965 feedback reports. The complained-about recipient is Original-Rcpt-To when the provider
 * gives it; providers that redact it leave the enclosed message's own headers, read next.
 */
public final class ArfDecoder implements Decoder {
    @Override
    public String name() {
        return "arf";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        Optional<MimePart> part = message.firstPart(p -> p.depth() == 0 && p.mimeType().equals("message/feedback-report"));
        if (part.isEmpty()) {
            return Optional.empty();
        }
        FeedbackReport report = FeedbackReportParser.parse(part.get().text());
        List<String> addresses = new ArrayList<>();
        for (String rcpt : report.originalRcptTo()) {
            Addresses.first(rcpt).filter(a -> !addresses.contains(a)).ifPresent(addresses::add);
        }
        if (addresses.isEmpty()) {
            Headers original = OriginalMessages.headersOf(message).orElse(Headers.empty());
            for (String to : original.all("To")) {
                Addresses.all(MailMessage.decodeWords(to)).stream().filter(a -> !addresses.contains(a)).forEach(addresses::add);
            }
        }
        report.fields().stream().filter(f -> f.name().equalsIgnoreCase("Removal-Recipient"))
            .map(f -> Addresses.first(f.value())).flatMap(Optional::stream)
            .filter(a -> addresses.isEmpty()).forEach(addresses::add);
        List<DecodedRecipient> recipients = addresses.stream().map(a -> DecodedRecipient.builder(a).build()).toList();
        Optional<String> reporter = report.reportedDomains().stream().findFirst()
            .or(report::userAgent);
        return Optional.of(new Decoded(ReportKind.FEEDBACK, recipients, reporter, Optional.empty(), Optional.of(report)));
    }
}
