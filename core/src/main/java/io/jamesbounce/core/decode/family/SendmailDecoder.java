package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jamesbounce.core.decode.Codes;
import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.dsn.DeliveryStatus;
import io.jamesbounce.core.dsn.DeliveryStatusParser;
import io.jamesbounce.core.dsn.PerRecipientFields;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FieldValue;
import io.jamesbounce.core.model.TypedValue;
import io.jamesbounce.core.text.Addresses;

/**
 * Sendmail's notice layout when no standard delivery-status entity could be read: notices without
 * MIME headers (old sendmail, broken relays), notices a person forwarded with "&gt; " quoting, and
 * the servers that copy sendmail's layout (Active!Hunter). Reads "----- The following addresses had
 * permanent fatal errors -----", the "(reason: ...)" lines, the session transcript and, when the
 * delivery-status fields are there as plain text, those fields.
 */
public final class SendmailDecoder implements Decoder {
    private static final String PERMANENT = "----- The following addresses had permanent fatal errors -----";
    private static final String TRANSIENT = "----- The following addresses had transient non-fatal errors -----";
    private static final String TRANSCRIPT = "----- Transcript of session follows -----";
    private static final Pattern REPLY_LINE = Pattern.compile("^<<<\\s*([45]\\d\\d[\\s-].*)$");
    private static final Pattern OWN_REPLY_LINE = Pattern.compile("^[45]\\d\\d[\\s-].*$");

    @Override
    public String name() {
        return "sendmail";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String text = message.noticeText();
        if (!text.contains(PERMANENT) && !text.contains(TRANSIENT)) {
            text = message.root().text();
            if (!text.contains(PERMANENT) && !text.contains(TRANSIENT)) {
                return Optional.empty();
            }
        }
        boolean delayed = !text.contains(PERMANENT);
        List<String> lines = unquoted(FamilyNotices.lines(text), delayed ? TRANSIENT : PERMANENT);
        int at = FamilyNotices.indexOfLine(lines, 0, delayed ? TRANSIENT : PERMANENT);
        List<String> listed = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int i = at + 1; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty() && listed.isEmpty()) {
                continue;
            }
            if (t.isEmpty() || t.startsWith("-----")) {
                break;
            }
            if (t.startsWith("(reason:") && !reasons.isEmpty()) {
                reasons.set(reasons.size() - 1, t.substring(8, t.endsWith(")") ? t.length() - 1 : t.length()).strip());
            } else if (!t.startsWith("(")) {
                listed.add(t.startsWith(">>>") ? t.substring(3).strip() : t);
                reasons.add("");
            }
        }
        String transcript = transcriptDiagnostic(lines);
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (PerRecipientFields f : embeddedStatus(lines).recipients()) {
            Optional<String> address = f.finalRecipient().or(f::originalRecipient)
                .flatMap(FieldValue::parsed).map(TypedValue::value).flatMap(Addresses::first);
            if (address.isEmpty()) {
                continue;
            }
            String diagnostic = f.diagnosticCode().flatMap(FieldValue::parsed).map(TypedValue::value)
                .orElseGet(() -> reasonFor(address.get(), listed, reasons).orElse(transcript));
            Optional<EnhancedStatus> status = f.status().flatMap(FieldValue::parsed);
            Optional<Action> action = f.action().flatMap(FieldValue::parsed).or(() -> Optional.of(delayed ? Action.DELAYED : Action.FAILED));
            DecodedRecipient.Builder b = DecodedRecipient.builder(address.get()).action(action).diagnostic(diagnostic)
                .remoteMta(f.remoteMta().flatMap(FieldValue::parsed).map(TypedValue::value).orElse(null));
            Codes.apply(b, status, diagnostic, f.diagnosticCode().isPresent() ? CodeOrigin.DIAGNOSTIC_CODE : CodeOrigin.NOTICE_TEXT);
            recipients.add(b.build());
        }
        if (recipients.isEmpty()) {
            // A standard part whose only recipient field is unusable (an address without its local
            // part) still tells the status of the one recipient the notice lists.
            Optional<PerRecipientFields> sole = listed.size() == 1 ? soleDsnGroup(message) : Optional.empty();
            for (int i = 0; i < listed.size(); i++) {
                Optional<String> address = Addresses.first(listed.get(i));
                if (address.isEmpty()) {
                    continue;
                }
                String diagnostic = reasons.get(i).isEmpty() ? transcript : reasons.get(i);
                DecodedRecipient.Builder b = DecodedRecipient.builder(address.get())
                    .action(delayed ? Action.DELAYED : Action.FAILED).diagnostic(diagnostic);
                sole.flatMap(PerRecipientFields::remoteMta).flatMap(FieldValue::parsed).map(TypedValue::value).ifPresent(b::remoteMta);
                Codes.apply(b, sole.flatMap(PerRecipientFields::status).flatMap(FieldValue::parsed), diagnostic, CodeOrigin.NOTICE_TEXT);
                recipients.add(b.build());
            }
        }
        return recipients.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    /** A notice forwarded inline by a person: the same lines behind "&gt; " quote marks. */
    private static List<String> unquoted(List<String> lines, String marker) {
        int at = FamilyNotices.indexOfLine(lines, 0, marker);
        if (at < 0 || !lines.get(at).startsWith(">")) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(line.startsWith("> ") ? line.substring(2) : line.startsWith(">") ? line.substring(1) : line);
        }
        return out;
    }

    private static Optional<String> reasonFor(String address, List<String> listed, List<String> reasons) {
        for (int i = 0; i < listed.size(); i++) {
            if (!reasons.get(i).isEmpty() && (listed.size() == 1 || listed.get(i).toLowerCase().contains(address.toLowerCase()))) {
                return Optional.of(reasons.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The receiving server's reply from the transcript ("&lt;&lt;&lt; 550 ..."), else sendmail's own
     * summary lines ("550 5.1.1 ... User unknown", "... Deferred: ...").
     */
    private static String transcriptDiagnostic(List<String> lines) {
        int at = FamilyNotices.indexOfLine(lines, 0, TRANSCRIPT);
        if (at < 0) {
            return "";
        }
        List<String> own = new ArrayList<>();
        for (int i = at + 1; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty()) {
                if (own.isEmpty()) {
                    continue;
                }
                break;
            }
            if (t.startsWith("--") || t.contains(": ") && t.indexOf(':') < t.indexOf(' ') && !t.startsWith("...")) {
                break;
            }
            Matcher reply = REPLY_LINE.matcher(t);
            if (reply.matches()) {
                return reply.group(1).strip();
            }
            if (!t.startsWith(">>>") && !t.startsWith("<<<") && !t.startsWith("... while talking")) {
                own.add(t);
            }
        }
        for (String t : own) {
            if (OWN_REPLY_LINE.matcher(t).matches()) {
                return t;
            }
        }
        return FamilyNotices.join(own);
    }

    private static Optional<PerRecipientFields> soleDsnGroup(MailMessage message) {
        return message.reportPart("message/delivery-status")
            .map(p -> DeliveryStatusParser.parse(p.text()).recipients())
            .filter(groups -> groups.size() == 1)
            .map(groups -> groups.get(0));
    }

    /** Delivery-status fields written as plain text, as notices read without their MIME structure show them. */
    private static DeliveryStatus embeddedStatus(List<String> lines) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("Reporting-MTA:") || start < 0 && l.startsWith("Final-Recipient:")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return DeliveryStatusParser.parse("");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("--") || l.startsWith("Return-Path:") || l.startsWith("Received:")) {
                break;
            }
            sb.append(l).append('\n');
        }
        return DeliveryStatusParser.parse(sb.toString());
    }
}
