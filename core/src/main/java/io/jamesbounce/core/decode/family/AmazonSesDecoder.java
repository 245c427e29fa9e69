package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.jamesbounce.core.arf.FeedbackReport;
import io.jamesbounce.core.arf.FeedbackReportParser;
import io.jamesbounce.core.decode.Codes;
import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.decode.Rfc3464Decoder;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.text.Addresses;

/**
 * Amazon SES. Two shapes reach a mailbox:
 * <ul>
 *   <li>JSON notifications (bounce, complaint, delivery, delivery delay), raw or wrapped in an SNS
 *   envelope whose "Message" member holds the JSON as a string;</li>
 *   <li>DSNs from its MAILER-DAEMON. Older ones put SES's own code first and quote the receiver
 *   ("5.1.0 - Unknown address error 550-'5.2.2 ... Mailbox Full' (delivery attempts: 0)"): the
 *   receiver's reply code, status and words are what counts, so this decoder runs before the
 *   generic DSN reader and reads them out of the quote.</li>
 * </ul>
 */
public final class AmazonSesDecoder implements Decoder {
    // SES's own status and words, then the receiver's reply code and its quoted text.
    private static final Pattern WRAPPED = Pattern.compile("^\\d\\.\\d{1,3}\\.\\d{1,3} - [^']*?([245]\\d\\d)[- ]'([^']*)'");
    private final Rfc3464Decoder dsn = new Rfc3464Decoder();

    @Override
    public String name() {
        return "amazonses";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String from = message.from().toLowerCase(Locale.ROOT);
        if (from.contains("@sns.amazonaws.com") || message.noticeText().contains("\"notificationType\"")
            || message.noticeText().contains("\"eventType\"")) {
            Optional<Decoded> json = notification(message.noticeText());
            if (json.isPresent()) {
                return json;
            }
        }
        if (!(from.contains("amazonses.com") || message.headers().has("X-SES-Outgoing"))) {
            return Optional.empty();
        }
        return dsn.decode(message).map(AmazonSesDecoder::unwrapQuotedReplies);
    }

    private static Decoded unwrapQuotedReplies(Decoded d) {
        List<DecodedRecipient> out = new ArrayList<>();
        for (DecodedRecipient r : d.recipients()) {
            Matcher m = WRAPPED.matcher(r.diagnostic().orElse(""));
            if (!m.find()) {
                out.add(r);
                continue;
            }
            String quoted = m.group(2).strip();
            DecodedRecipient.Builder b = r.toBuilder()
                .diagnostic(quoted)
                .replyCode(ReplyCode.parse(m.group(1)).orElse(null), CodeOrigin.DIAGNOSTIC_CODE);
            EnhancedStatus.find(quoted).ifPresent(s -> b.status(s, CodeOrigin.DIAGNOSTIC_CODE));
            out.add(b.build());
        }
        return new Decoded(d.kind(), out, d.reportingMta(), d.deliveryStatus(), d.feedbackReport());
    }

    /** A JSON notification, raw or in its SNS envelope. */
    static Optional<Decoded> notification(String text) {
        // SNS mail breaks long lines by inserting "!" and a folded line: undo it before parsing.
        String body = text.replace("!\r\n ", "").replace("!\n ", "");
        int brace = body.indexOf('{');
        if (brace < 0) {
            return Optional.empty();
        }
        Optional<JsonNode> parsed = MailedJson.parse(body.substring(brace));
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> inner = MailedJson.text(parsed.get(), "Message").filter(m -> m.strip().startsWith("{"));
        Optional<JsonNode> notification = inner.isPresent() ? MailedJson.parse(inner.get().strip()) : parsed;
        if (notification.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = notification.get();
        String type = MailedJson.text(root, "notificationType").or(() -> MailedJson.text(root, "eventType")).orElse("");
        return switch (type) {
            case "Bounce" -> bounce(root);
            case "Complaint" -> complaint(root);
            case "Delivery" -> delivery(root);
            case "DeliveryDelay" -> delay(root);
            default -> Optional.empty();
        };
    }

    private static Optional<Decoded> bounce(JsonNode root) {
        JsonNode bounce = root.path("bounce");
        List<DecodedRecipient> out = new ArrayList<>();
        for (JsonNode r : MailedJson.array(bounce, "bouncedRecipients")) {
            Optional<String> address = MailedJson.text(r, "emailAddress").flatMap(Addresses::first);
            if (address.isEmpty()) {
                continue;
            }
            String diagnostic = MailedJson.text(r, "diagnosticCode").map(AmazonSesDecoder::withoutType).orElse("");
            DecodedRecipient.Builder b = DecodedRecipient.builder(address.get())
                .action(MailedJson.text(r, "action").flatMap(Action::parse).orElse(Action.FAILED))
                .diagnostic(diagnostic);
            Codes.apply(b, MailedJson.text(r, "status").flatMap(EnhancedStatus::parse), diagnostic, CodeOrigin.DIAGNOSTIC_CODE);
            out.add(b.build());
        }
        return Optional.of(Decoded.bounce(out, MailedJson.text(bounce, "reportingMTA").map(AmazonSesDecoder::withoutType)));
    }

    private static Optional<Decoded> delay(JsonNode root) {
        JsonNode delay = root.path("deliveryDelay");
        List<DecodedRecipient> out = new ArrayList<>();
        for (JsonNode r : MailedJson.array(delay, "delayedRecipients")) {
            Optional<String> address = MailedJson.text(r, "emailAddress").flatMap(Addresses::first);
            if (address.isEmpty()) {
                continue;
            }
            String diagnostic = MailedJson.text(r, "diagnosticCode").map(AmazonSesDecoder::withoutType).orElse("");
            DecodedRecipient.Builder b = DecodedRecipient.builder(address.get()).action(Action.DELAYED).diagnostic(diagnostic);
            Codes.apply(b, MailedJson.text(r, "status").flatMap(EnhancedStatus::parse), diagnostic, CodeOrigin.DIAGNOSTIC_CODE);
            out.add(b.build());
        }
        return Optional.of(Decoded.bounce(out, MailedJson.text(delay, "reportingMTA").map(AmazonSesDecoder::withoutType)));
    }

    private static Optional<Decoded> delivery(JsonNode root) {
        JsonNode delivery = root.path("delivery");
        String response = MailedJson.text(delivery, "smtpResponse").orElse("");
        List<DecodedRecipient> out = new ArrayList<>();
        for (JsonNode r : MailedJson.array(delivery, "recipients")) {
            if (r.isTextual()) {
                Addresses.first(r.asText()).ifPresent(a -> {
                    DecodedRecipient.Builder b = DecodedRecipient.builder(a).action(Action.DELIVERED).diagnostic(response);
                    Codes.apply(b, Optional.empty(), response, CodeOrigin.DIAGNOSTIC_CODE);
                    out.add(b.build());
                });
            }
        }
        return Optional.of(Decoded.bounce(out, MailedJson.text(delivery, "reportingMTA").map(AmazonSesDecoder::withoutType)));
    }

    /** A complaint is a feedback report: built as the ARF fields it stands for. */
    private static Optional<Decoded> complaint(JsonNode root) {
        JsonNode complaint = root.path("complaint");
        StringBuilder fields = new StringBuilder();
        MailedJson.text(complaint, "complaintFeedbackType").ifPresent(t -> fields.append("Feedback-Type: ").append(t).append('\n'));
        MailedJson.text(complaint, "userAgent").ifPresent(u -> fields.append("User-Agent: ").append(u).append('\n'));
        MailedJson.text(root.path("mail"), "source")
            .ifPresent(s -> fields.append("Original-Mail-From: ").append(s).append('\n'));
        List<DecodedRecipient> out = new ArrayList<>();
        for (JsonNode r : MailedJson.array(complaint, "complainedRecipients")) {
            MailedJson.text(r, "emailAddress").flatMap(Addresses::first).ifPresent(a -> {
                fields.append("Original-Rcpt-To: ").append(a).append('\n');
                out.add(DecodedRecipient.builder(a).build());
            });
        }
        FeedbackReport report = FeedbackReportParser.parse(fields.toString());
        return Optional.of(new Decoded(ReportKind.FEEDBACK, out, Optional.of("amazonses.com"), Optional.empty(), Optional.of(report)));
    }

    /** "smtp; 550 ..." and "dsn; host" carry their RFC 3464 type first. */
    private static String withoutType(String value) {
        int semi = value.indexOf(';');
        return semi > 0 && semi < 8 ? value.substring(semi + 1).strip() : value.strip();
    }
}
