package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.jamesbounce.core.decode.Codes;
import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.decode.NoticeText;
import io.jamesbounce.core.dsn.DeliveryStatus;
import io.jamesbounce.core.dsn.DeliveryStatusParser;
import io.jamesbounce.core.dsn.PerRecipientFields;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.mime.MimePart;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FieldValue;
import io.jamesbounce.core.model.TypedValue;
import io.jamesbounce.core.text.Addresses;

/**
 * OpenSMTPD's notices: "This is the MAILER-DAEMON, please DO NOT REPLY ..." and one
 * "recipient: error" line per recipient. Recent versions add a delivery-status part that carries
 * only a generic status, so this decoder runs before the standard one and reads the text, where
 * the receiver's reply is.
 */
public final class OpenSmtpdDecoder implements Decoder {
    private static final String START = "This is the MAILER-DAEMON, please DO NOT REPLY to this e";
    private static final String FAILED = "An error has occurred while attempting to deliver a message";
    private static final String DELAYED = "A message is delayed for more than";
    private static final String LIST = "list of recipients:";

    @Override
    public String name() {
        return "opensmtpd";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String text = message.noticeText();
        if (!text.contains(START) || !text.contains(LIST)) {
            return Optional.empty();
        }
        boolean delayed = text.contains(DELAYED);
        if (!delayed && !text.contains(FAILED)) {
            return Optional.empty();
        }
        List<String> lines = FamilyNotices.lines(text);
        int at = FamilyNotices.indexOfLine(lines, 0, LIST);
        Map<String, EnhancedStatus> fieldStatus = statusFields(message);
        List<DecodedRecipient.Builder> builders = new ArrayList<>();
        List<StringBuilder> diagnostics = new ArrayList<>();
        for (int i = at + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                if (builders.isEmpty()) {
                    continue;
                }
                break;
            }
            if (FamilyNotices.indent(line) > 0) {
                break;
            }
            int colon = line.indexOf(": ");
            String head = colon < 0 ? line.strip() : line.substring(0, colon);
            if (Addresses.looksLikeAddress(head)) {
                String address = Addresses.normalise(head);
                builders.add(DecodedRecipient.builder(address).action(delayed ? Action.DELAYED : Action.FAILED));
                diagnostics.add(new StringBuilder(colon < 0 ? "" : line.substring(colon + 2).strip()));
            } else if (!diagnostics.isEmpty()) {
                diagnostics.get(diagnostics.size() - 1).append(' ').append(line.strip());
            }
        }
        if (builders.isEmpty()) {
            return Optional.empty();
        }
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (int i = 0; i < builders.size(); i++) {
            DecodedRecipient.Builder b = builders.get(i);
            String diagnostic = diagnostics.get(i).toString().strip();
            String address = b.build().recipient();
            b.diagnostic(diagnostic);
            if (NoticeText.saysEnvelopeExpired(diagnostic)) {
                // OpenSMTPD sends its queue-lifetime expiry on its delay template ("A message is delayed",
                // Action: delayed): the envelope is gone, as running it shows
                b.action(Action.FAILED);
            }
            Codes.apply(b, Optional.ofNullable(fieldStatus.get(address.toLowerCase(Locale.ROOT))), diagnostic, CodeOrigin.NOTICE_TEXT);
            if (!delayed) {
                hint(b, diagnostic);
            }
            recipients.add(b.build());
        }
        return Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    /** OpenSMTPD's own words for errors it found itself, without a reply from a receiving server. */
    private static void hint(DecodedRecipient.Builder b, String diagnostic) {
        String lower = diagnostic.toLowerCase(Locale.ROOT);
        if (lower.equals("domain does not exist") || lower.equals("no mx found for domain")) {
            b.hint(Category.BAD_DOMAIN, "opensmtpd.no-such-domain");
        } else if (lower.startsWith("network error on destination mxs")) {
            b.hint(Category.SYSTEM_ERROR, "opensmtpd.network-error");
        }
    }

    private static Map<String, EnhancedStatus> statusFields(MailMessage message) {
        Map<String, EnhancedStatus> out = new HashMap<>();
        Optional<MimePart> part = message.reportPart("message/delivery-status");
        if (part.isEmpty()) {
            return out;
        }
        DeliveryStatus dsn = DeliveryStatusParser.parse(part.get().text());
        for (PerRecipientFields f : dsn.recipients()) {
            Optional<String> rcpt = f.finalRecipient().flatMap(FieldValue::parsed).map(TypedValue::value).flatMap(Addresses::first);
            Optional<EnhancedStatus> status = f.status().flatMap(FieldValue::parsed);
            if (rcpt.isPresent() && status.isPresent()) {
                out.put(rcpt.get().toLowerCase(Locale.ROOT), status.get());
            }
        }
        return out;
    }
}
