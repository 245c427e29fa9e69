package io.jamesbounce.core;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.jamesbounce.core.classify.Classification;
import io.jamesbounce.core.classify.Classifier;
import io.jamesbounce.core.decode.AutoReplies;
import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.decode.Decoders;
import io.jamesbounce.core.decode.ExchangeAddresses;
import io.jamesbounce.core.decode.GenericNoticeDecoder;
import io.jamesbounce.core.decode.NoticeSigns;
import io.jamesbounce.core.decode.NoticeText;
import io.jamesbounce.core.decode.OriginalMessages;
import io.jamesbounce.core.decode.Rfc3464Decoder;
import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.mime.MessageReader;
import io.jamesbounce.core.mime.ReadLimits;
import io.jamesbounce.core.mime.ReportParseException;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.BounceRecord;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.model.OriginalMessage;
import io.jamesbounce.core.model.Report;
import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.model.Sourced;
import io.jamesbounce.core.text.Addresses;
import io.jamesbounce.core.verp.VerpScheme;

/**
 * The parsing core's entry point: any message in, exactly one {@link Report} out. It never throws
 * on bad input; a message that cannot be read is an {@link ReportKind#UNPARSEABLE} report.
 */
public final class BounceAnalyzer {
    private final MessageReader reader;
    private final List<Decoder> decoders;
    private final Classifier classifier;
    private final Optional<VerpScheme> verp;
    private final Optional<RecentReports> recent;

    public BounceAnalyzer(ReadLimits limits, List<Decoder> decoders, Classifier classifier, Optional<VerpScheme> verp) {
        this(new MessageReader(Objects.requireNonNull(limits, "limits")), decoders, classifier, verp, Optional.empty());
    }

    private BounceAnalyzer(MessageReader reader, List<Decoder> decoders, Classifier classifier, Optional<VerpScheme> verp,
                           Optional<RecentReports> recent) {
        this.reader = reader;
        this.decoders = List.copyOf(decoders);
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.verp = Objects.requireNonNull(verp, "verp");
        this.recent = recent;
    }

    /**
     * This analyzer, remembering the reports of the last messages it read, up to {@code maxBytes} of
     * them: the same bytes read again give the same report without a second reading (James' matcher,
     * then its mailet). Not for measuring the reader.
     */
    public BounceAnalyzer rememberingRecent(long maxBytes) {
        return new BounceAnalyzer(reader, decoders, classifier, verp, Optional.of(new RecentReports(maxBytes)));
    }

    /** How many readings the memory of recent reports saved so far; 0 without it. */
    public long readingsSaved() {
        return recent.map(RecentReports::hits).orElse(0L);
    }

    public static BounceAnalyzer withDefaults() {
        return new BounceAnalyzer(ReadLimits.DEFAULT, Decoders.all(), Classifier.withDefaultRules(), Optional.of(VerpScheme.DEFAULT));
    }

    /** The standard-format readers and the generic notice reader only ({@link Decoders#genericOnly()}). */
    public static BounceAnalyzer genericOnly() {
        return new BounceAnalyzer(ReadLimits.DEFAULT, Decoders.genericOnly(), Classifier.withDefaultRules(), Optional.of(VerpScheme.DEFAULT));
    }

    public Report analyze(byte[] message) {
        if (recent.isPresent()) {
            return recent.get().get(message, () -> read(message));
        }
        return read(message);
    }

    private Report read(byte[] message) {
        try {
            return analyze(reader.read(message));
        } catch (ReportParseException e) {
            return Report.unparseable(e.getMessage());
        }
    }

    public Report analyze(InputStream message) {
        try {
            return analyze(reader.read(message));
        } catch (ReportParseException e) {
            return Report.unparseable(e.getMessage());
        }
    }

    public Report analyze(MailMessage message) {
        try {
            return decodeAndClassify(message);
        } catch (StackOverflowError e) {
            // A regex that recurses per repetition, on a pathological line: a report, not a crash.
            return Report.unparseable("input too deeply nested to analyse (stack overflow)");
        }
    }

    private Report decodeAndClassify(MailMessage message) {
        if (NoticeSigns.isListProbe(message)) {
            return Report.of(ReportKind.NOT_A_REPORT, "list-probe");
        }
        Optional<Decoded> empty = Optional.empty();
        String emptyBy = null;
        for (Decoder decoder : decoders) {
            Optional<Decoded> decoded;
            try {
                decoded = decoder.decode(message);
            } catch (RuntimeException e) {
                // A decoder bug must not lose the report: say so, and let the others try.
                return Report.unparseable("decoder " + decoder.name() + " failed: " + e);
            }
            if (decoded.isEmpty()) {
                continue;
            }
            if (decoded.get().recipients().isEmpty()) {
                if (empty.isEmpty()) {
                    empty = decoded;
                    emptyBy = decoder.name();
                }
                continue;
            }
            Report report = contained(() -> toReport(message, decoded.get(), decoder.name()), decoder.name());
            return decoder instanceof GenericNoticeDecoder ? report : notLessThanGeneric(message, report);
        }
        if (empty.isPresent()) {
            Optional<String> recovered = recoverRecipient(message);
            if (recovered.isPresent()) {
                Decoded d = empty.get();
                // A lone recipient group without a usable address still says what happened to it.
                DecodedRecipient r = d.deliveryStatus().filter(ds -> ds.recipients().size() == 1)
                    .map(ds -> Rfc3464Decoder.recipientAs(ds.recipients().get(0), recovered.get()))
                    .orElseGet(() -> DecodedRecipient.builder(recovered.get()).action(noticeAction(message, d)).build());
                return toReport(message, d.withRecipients(List.of(r)), emptyBy);
            }
            if (empty.get().kind() == ReportKind.FEEDBACK) {
                // A complaint whose recipient is redacted beyond recovery still counts against the sender.
                return toReport(message, empty.get().withRecipients(List.of(DecodedRecipient.builder("").build())), emptyBy);
            }
            return Report.of(empty.get().kind(), emptyBy);
        }
        // a challenge-response request is an automatic answer, not a failure
        if (AutoReplies.isReadReceipt(message) || AutoReplies.isAutoReply(message) || NoticeSigns.isChallenge(message)) {
            return Report.of(ReportKind.AUTO_REPLY, "rfc3834");
        }
        return Report.of(ReportKind.NOT_A_REPORT, "none");
    }

    /**
     * A family decoder adds precision, never takes away what the generic reader sees: when it found
     * the recipients but no cause for any of them, and the generic reader reads a cause for the same
     * recipients (a reply on a line the family's layout did not expect), the generic reading stands.
     */
    private Report notLessThanGeneric(MailMessage message, Report report) {
        if (report.kind() != ReportKind.BOUNCE || report.records().isEmpty()
            || report.records().stream().anyMatch(r -> r.category() != Category.UNKNOWN)) {
            return report;
        }
        Optional<Decoded> generic;
        try {
            generic = GENERIC.decode(message);
        } catch (RuntimeException e) {
            return report;
        }
        if (generic.isEmpty() || generic.get().recipients().isEmpty()) {
            return report;
        }
        Report read = contained(() -> toReport(message, generic.get(), GENERIC.name()), GENERIC.name());
        Set<String> familyRecipients = report.records().stream().map(r -> r.recipient().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> genericRecipients = read.records().stream().map(r -> r.recipient().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        boolean knowsMore = read.records().stream().anyMatch(r -> r.category() != Category.UNKNOWN);
        return knowsMore && familyRecipients.equals(genericRecipients) ? read : report;
    }

    private static final GenericNoticeDecoder GENERIC = new GenericNoticeDecoder();

    /**
     * What a bounce that lists no recipient group says happened, in its own words ("could not be
     * delivered" against "will be retried"); a feedback report has no action.
     */
    private static Optional<Action> noticeAction(MailMessage message, Decoded decoded) {
        if (decoded.kind() != ReportKind.BOUNCE) {
            return Optional.empty();
        }
        return Optional.of(NoticeText.announcesRetry(message.noticeText()) ? Action.DELAYED : Action.FAILED);
    }

    /**
     * A report that names no recipient: the VERP address it was sent back to tells, or else the
     * attached original when it was addressed to one recipient only.
     */
    private Optional<String> recoverRecipient(MailMessage message) {
        Optional<Headers> original = OriginalMessages.headersOf(message);
        if (verp.isPresent()) {
            List<String> candidates = new ArrayList<>();
            candidates.addAll(message.headers().all("To"));
            candidates.addAll(message.headers().all("Delivered-To"));
            original.ifPresent(h -> candidates.addAll(h.all("Return-Path")));
            for (String c : candidates) {
                for (String address : Addresses.all(c)) {
                    Optional<String> decoded = verp.get().decode(address);
                    if (decoded.isPresent()) {
                        return decoded;
                    }
                }
            }
        }
        if (original.isPresent()) {
            List<String> to = new ArrayList<>();
            for (String field : List.of("To", "Cc")) {
                for (String value : original.get().all(field)) {
                    to.addAll(Addresses.all(value));
                }
            }
            if (to.size() == 1) {
                return Optional.of(to.get(0));
            }
        }
        return Optional.empty();
    }

    /** Classification and the original-message view run on hostile text too: a bug there is a report, not a crash. */
    private static Report contained(Supplier<Report> work, String decoderName) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return Report.unparseable("classifying the records of decoder " + decoderName + " failed: " + e);
        }
    }

    private Report toReport(MailMessage message, Decoded decoded, String decoderName) {
        Optional<OriginalMessage> original = OriginalMessages.of(message);
        Optional<String> messageId = original.flatMap(OriginalMessage::messageId);
        Optional<FeedbackType> feedbackType = decoded.feedbackType();
        List<BounceRecord> records = new ArrayList<>();
        // recipients of one notice often share their reason word for word: classify each reason once
        Map<List<Object>, Classification> classified = new HashMap<>();
        for (DecodedRecipient r : decoded.recipients()) {
            Classification c = feedbackType.isPresent() ? classifier.classifyFeedback(feedbackType.get())
                : classified.computeIfAbsent(List.of(r.action(), r.status(), r.replyCode(), r.command(), r.diagnostic(), r.hint()),
                    k -> classifier.classify(r));
            String recipient = r.recipient().isEmpty() ? ""
                : verp.flatMap(v -> v.decode(r.recipient())).orElseGet(() -> ExchangeAddresses.smtpAddress(r.recipient()));
            Optional<Sourced<EnhancedStatus>> status = r.status().isPresent() || feedbackType.isPresent() ? r.status()
                : Classifier.inferredStatus(c, r.action(), r.replyCode().map(Sourced::value)).map(s -> new Sourced<>(s, CodeOrigin.INFERRED));
            records.add(new BounceRecord(recipient, r.originalRecipient(), r.action(), status, r.replyCode(),
                r.diagnostic(), r.command(), r.remoteMta(), decoded.reportingMta(), messageId, c.category(), c.hard(), c.ruleId(),
                feedbackType));
        }
        return new Report(decoded.kind(), decoderName, records, original, Optional.empty());
    }

}
