package io.jamesbounce.core.decode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jamesbounce.core.dsn.DeliveryStatus;
import io.jamesbounce.core.dsn.DeliveryStatusParser;
import io.jamesbounce.core.dsn.PerRecipientFields;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.mime.MimePart;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FieldValue;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.model.SmtpCommand;
import io.jamesbounce.core.model.TypedValue;
import io.jamesbounce.core.text.Addresses;
import io.jamesbounce.core.text.AnchoredAlternation;
import io.jamesbounce.core.text.Lines;

/** Standard delivery status notifications: RFC 3464 message/delivery-status and RFC 6533 message/global-delivery-status. */
public final class Rfc3464Decoder implements Decoder {
    private static final AnchoredAlternation INLINE_START =
        AnchoredAlternation.of(Pattern.compile("(?im)^(Reporting-MTA|Final-Recipient|Original-Recipient)\\s*:"));
    private static final Pattern DSN_FIELD = Pattern.compile(
        "(?i)(Reporting-MTA|Received-From-MTA|Arrival-Date|Original-Envelope-Id|Final-Recipient|Original-Recipient|X-Actual-Recipient"
            + "|Action|Status|Remote-MTA|Diagnostic-Code|Last-Attempt-Date|Will-Retry-Until|Final-Log-ID|X-[A-Za-z0-9-]+)\\s*:");
    private static final Pattern BLANK_LINE = Pattern.compile("\\r?\\n[ \\t]*\\r?\\n|\\r[ \\t]*\\r");
    private static final String TRANSCRIPT_MARKER = "----- Transcript of session follows -----";
    private static final Pattern TRANSCRIPT_LINE = Pattern.compile("(?m)^[ \\t]*(?:<<<[ \\t]*)?[45][0-9][0-9][ -].+$");

    @Override
    public String name() {
        return "rfc3464";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        Optional<MimePart> part = message.firstPart(p -> p.depth() == 0
            && (p.mimeType().equals("message/delivery-status") || p.mimeType().equals("message/global-delivery-status")));
        Optional<String> fields = part.map(MimePart::text).or(() -> inlineFields(message));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        DeliveryStatus dsn = DeliveryStatusParser.parse(fields.get());
        String notice = noticeWithTranscript(message);
        List<DecodedRecipient> recipients = new ArrayList<>();
        Notice noticeView = new Notice(notice);
        Optional<SmtpCommand> noticeCommand = null;
        for (PerRecipientFields f : dsn.recipients()) {
            Optional<DecodedRecipient> r = recipient(f).map(x -> x.diagnostic().isPresent() ? x : withNoticeDiagnostic(x, noticeView))
                .map(x -> withNoticeStatus(x, noticeView)).map(Rfc3464Decoder::expiredIsFinal);
            if (r.isPresent() && r.get().command().isEmpty()) {
                if (noticeCommand == null) {
                    noticeCommand = SmtpCommand.find(notice);
                }
                r = Optional.of(r.get().toBuilder().command(noticeCommand).build());
            }
            r.ifPresent(recipients::add);
        }
        Optional<String> reportingMta = dsn.perMessage().reportingMta().flatMap(FieldValue::parsed).map(TypedValue::value);
        return Optional.of(new Decoded(ReportKind.BOUNCE, recipients, reportingMta, Optional.of(dsn), Optional.empty()));
    }

    /** A group that says "delayed" about an envelope its words say expired: the server dropped it (OpenSMTPD). */
    private static DecodedRecipient expiredIsFinal(DecodedRecipient r) {
        if (r.action().filter(a -> a == Action.DELAYED).isPresent() && r.diagnostic().filter(NoticeText::saysEnvelopeExpired).isPresent()) {
            return r.toBuilder().action(Action.FAILED).build();
        }
        return r;
    }

    /**
     * Delivery-status fields written in the text of a report whose MIME structure is broken (a
     * boundary that never occurs): from the first Reporting-MTA or Final-Recipient line to the end
     * of the DSN field blocks.
     */
    static Optional<String> inlineFields(MailMessage message) {
        if (!message.root().mimeType().equals("multipart/report") && !message.root().mimeType().equals("text/plain")) {
            return Optional.empty();
        }
        String text = message.root().isMultipart() ? message.allReportText() + message.root().text() : message.root().text();
        if (!namesRecipient(text)) {
            return Optional.empty();
        }
        Matcher start = INLINE_START.pattern().matcher(text);
        if (!INLINE_START.findAtLineStart(start, text, Lines.starts(text), 0)) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        Matcher field = DSN_FIELD.matcher("");
        boolean inBlock = false;
        for (String line : Lines.splitAtLineFeeds(text.substring(start.start()))) {
            if (line.isBlank()) {
                inBlock = false;
                out.append('\n');
                continue;
            }
            if (!inBlock) {
                if (!field.reset(line).lookingAt()) {
                    break;
                }
                inBlock = true;
            }
            out.append(line).append('\n');
        }
        String fields = out.toString();
        return fields.toLowerCase(Locale.ROOT).contains("final-recipient") || fields.toLowerCase(Locale.ROOT).contains("original-recipient")
            ? Optional.of(fields) : Optional.empty();
    }

    /**
     * Whether the text holds "-recipient" in any case, compared in place: a lower-cased copy of a
     * long notice costs more. It only lets the search go on (the fields found must name a recipient).
     */
    private static boolean namesRecipient(String text) {
        for (int dash = text.indexOf('-'); dash >= 0; dash = text.indexOf('-', dash + 1)) {
            if (text.regionMatches(true, dash, "-recipient", 0, "-recipient".length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The notice before the quoted original, with Sendmail's session transcript, which
     * {@link NoticeText#beforeOriginal} counts as quoted text but which holds the receiver's reply.
     */
    private static String noticeWithTranscript(MailMessage message) {
        String text = message.noticeText();
        String notice = NoticeText.noticeBeforeOriginal(message);
        int at = text.indexOf(TRANSCRIPT_MARKER, notice.length());
        if (at < 0) {
            return notice;
        }
        // the transcript runs to its first blank line
        String transcript = text.substring(at + TRANSCRIPT_MARKER.length()).stripLeading();
        Matcher blank = BLANK_LINE.matcher(transcript);
        return notice + "\n" + NoticeText.beforeOriginal(blank.find() ? transcript.substring(0, blank.start()) : transcript);
    }

    /**
     * A DSN without Diagnostic-Code (old Sendmail) leaves the reason in its human-readable part: the
     * paragraph about the recipient, or the session transcript.
     */
    static DecodedRecipient withNoticeDiagnostic(DecodedRecipient r, String notice) {
        return withNoticeDiagnostic(r, new Notice(notice));
    }

    /**
     * The notice a DSN's recipients are looked up in, with its transcript lines read once: a DSN can
     * list thousands of recipients, and scanning the whole notice for each was quadratic (fuzzing).
     */
    static final class Notice {
        private final String text;
        private List<String> transcript;
        /** What the notice says of each recipient: a DSN may name one many times (seen fuzzing: 586 blocks, 0.35 s). */
        private final Map<String, Optional<String>> diagnostics = new HashMap<>();
        /**
         * The codes read from each diagnostic the notice gave, by the status they were read against:
         * hundreds of recipients can share one long transcript line (seen fuzzing: 586, 150 ms).
         */
        private final Map<List<Object>, DecodedRecipient> codes = new HashMap<>();

        Notice(String text) {
            this.text = text;
        }

        List<String> transcript() {
            if (transcript == null) {
                // the pattern tried only on lines that open with a reply code or "<<<": what find() would
                // give, without trying it at every character of a long notice
                List<String> lines = new ArrayList<>();
                Matcher m = TRANSCRIPT_LINE.matcher(text).useTransparentBounds(true);
                for (int line : Lines.starts(text)) {
                    int i = line;
                    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                        i++;
                    }
                    char c = i < text.length() ? text.charAt(i) : 0;
                    if ((c == '<' || c == '4' || c == '5') && m.region(line, text.length()).lookingAt()) {
                        lines.add(m.group().trim());
                    }
                }
                transcript = lines;
            }
            return transcript;
        }
    }

    static DecodedRecipient withNoticeDiagnostic(DecodedRecipient r, Notice notice) {
        Optional<String> quoted = notice.diagnostics.computeIfAbsent(r.recipient(), k -> Optional.ofNullable(noticeDiagnostic(k, notice)));
        // a report that quotes no reply: the notice's own words about the recipient ("a@b: Envelope
        // expired", "because the recipient does not exist") are all there is to tell why
        Optional<String> found = quoted.isPresent() ? quoted
            : Optional.of(NoticeText.untilAnotherAddress(NoticeText.wordsAbout(notice.text, r.recipient()), r.recipient()))
                .filter(w -> !w.isBlank());
        if (found.isEmpty()) {
            return r;
        }
        Optional<EnhancedStatus> field = r.status().map(s -> s.value());
        DecodedRecipient read = notice.codes.computeIfAbsent(List.of(field, r.command(), found.get()),
            k -> Codes.apply(DecodedRecipient.builder("").command(r.command()), field, found.get(), CodeOrigin.NOTICE_TEXT).build());
        DecodedRecipient.Builder b = r.toBuilder().diagnostic(found.get());
        read.status().ifPresent(s -> b.status(Optional.of(s)));
        read.replyCode().ifPresent(c -> b.replyCode(Optional.of(c)));
        return b.command(read.command()).build();
    }

    /** The notice's words about a recipient: its paragraph when that holds a reply code, else its transcript line; null if none. */
    private static String noticeDiagnostic(String recipient, Notice notice) {
        String about = NoticeText.untilAnotherAddress(NoticeText.paragraphAfter(notice.text, recipient, 4), recipient);
        String diagnostic = null;
        if (ReplyCode.find(about).isPresent()) {
            diagnostic = about;
        } else {
            String local = recipient.substring(0, Math.max(0, recipient.indexOf('@')));
            String first = null;
            for (String line : notice.transcript()) {
                if (first == null) {
                    first = line;
                }
                if (!local.isEmpty() && line.contains(local)) {
                    diagnostic = line;
                    break;
                }
            }
            if (diagnostic == null) {
                diagnostic = first;
            }
        }
        return diagnostic;
    }

    /**
     * A status field that says only "failed" (X.0.0) over a diagnostic without a code of its own
     * gives way to the specific code of the session transcript ("554 5.3.0 unknown mailer error").
     */
    static DecodedRecipient withNoticeStatus(DecodedRecipient r, Notice notice) {
        boolean genericField = r.status().filter(s -> s.origin() == CodeOrigin.STATUS_FIELD && s.value().isGeneric()).isPresent();
        boolean noReply = r.replyCode().isEmpty() && r.status().isPresent();
        if (!(genericField || noReply) || notice.text.isEmpty()) {
            return r;
        }
        DecodedRecipient probe = withNoticeDiagnostic(r.toBuilder().diagnostic(null).build(), notice);
        DecodedRecipient.Builder out = r.toBuilder();
        if (genericField) {
            probe.status().filter(s -> s.origin() == CodeOrigin.NOTICE_TEXT && !s.value().isGeneric())
                .ifPresent(s -> out.status(Optional.of(s)));
        }
        if (noReply) {
            // a reply of the transcript counts only when it failed the way the status field says
            int statusClass = r.status().get().value().statusClass();
            probe.replyCode().filter(c -> c.origin() == CodeOrigin.NOTICE_TEXT && c.value().statusClass() == statusClass)
                .ifPresent(c -> out.replyCode(Optional.of(c)));
        }
        return out.build();
    }

    /** One DSN recipient group as a decoded recipient; also used by family decoders that embed DSN fields in text. */
    public static Optional<DecodedRecipient> recipient(PerRecipientFields f) {
        Optional<String> finalRcpt = address(f.finalRecipient());
        Optional<String> original = address(f.originalRecipient());
        Optional<String> recipient = finalRcpt.or(() -> original)
            .or(() -> f.otherFields().stream().filter(h -> h.name().equalsIgnoreCase("X-Actual-Recipient"))
                .findFirst().flatMap(h -> Addresses.first(h.value())));
        if (recipient.isEmpty()) {
            return Optional.empty();
        }
        DecodedRecipient r = recipientAs(f, recipient.get());
        return Optional.of(original.filter(o -> !o.equalsIgnoreCase(recipient.get()))
            .map(o -> r.toBuilder().originalRecipient(o).build()).orElse(r));
    }

    /**
     * A DSN recipient group read for a recipient the caller knows, when the group's own address is
     * missing or unusable (the VERP address the report came back to tells who it was).
     */
    public static DecodedRecipient recipientAs(PerRecipientFields f, String address) {
        Optional<TypedValue> diagnosticField = f.diagnosticCode().flatMap(FieldValue::parsed);
        String diagnostic = diagnosticField.map(TypedValue::value).orElse("");
        Optional<EnhancedStatus> status = f.status().flatMap(FieldValue::parsed);
        Optional<Action> action = f.action().flatMap(FieldValue::parsed)
            .or(() -> status.map(s -> s.isPermanent() ? Action.FAILED : s.isTransient() ? Action.DELAYED : Action.DELIVERED));
        DecodedRecipient.Builder b = DecodedRecipient.builder(address)
            .action(action)
            .diagnostic(diagnostic)
            .remoteMta(f.remoteMta().flatMap(FieldValue::parsed).map(TypedValue::value).orElse(null))
            .lastAttempt(f.lastAttemptDate().map(FieldValue::verbatim).orElse(null));
        // Sendmail's "X-Unix; 255" is a delivery program's exit status, not an SMTP reply: it names no code
        Codes.apply(b, status, diagnosticField.filter(Rfc3464Decoder::isExitStatus).isPresent() ? "" : diagnostic,
            CodeOrigin.DIAGNOSTIC_CODE);
        return b.build();
    }

    private static boolean isExitStatus(TypedValue diagnostic) {
        return diagnostic.type().equals("x-unix") && !diagnostic.value().isEmpty()
            && diagnostic.value().chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static Optional<String> address(Optional<FieldValue<TypedValue>> field) {
        // the field's type says its value is an address, so a host name without a dot is one too
        return field.flatMap(FieldValue::parsed).map(TypedValue::value)
            .flatMap(v -> Addresses.first(v).or(() -> Addresses.singleLabel(v)));
    }
}
