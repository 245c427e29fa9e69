package io.jamesbounce.james.mailets;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.Report;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.text.Addresses;
import io.jamesbounce.core.text.LogValues;
import io.jamesbounce.core.trust.Arrival;
import io.jamesbounce.core.trust.Trust;
import io.jamesbounce.core.trust.TrustEvaluator;
import io.jamesbounce.core.trust.TrustSettings;
import io.jamesbounce.core.trust.TrustedRecord;
import io.jamesbounce.james.Mails;
import io.jamesbounce.store.StoreDataException;

/**
 * Reads a bounce or feedback report, applies the suppression policy to each of its recipients and
 * attaches the records as JSON to the attribute {@value RecordsJson#RECORDS_NAME}.
 *
 * <ul>
 *   <li>a recorded report is consumed (state ghost), or sent to {@code recordedProcessor};</li>
 *   <li>a report that cannot be read, or names no recipient, goes to {@code unreadableProcessor}
 *       (default {@code error}) with a WARN naming the mail and the cause, and the cause in the
 *       attribute {@code io.jamesbounce.problem};</li>
 *   <li>anything else (an auto-reply, ordinary mail) is left as it is and continues in the processor.</li>
 * </ul>
 * Before anything is recorded, the report is checked ({@link TrustEvaluator}): a bounce to a return
 * path whose signature does not verify for its recipient, or a feedback report from a source that is
 * not a configured feedback loop, is recorded as untrusted and suppresses nothing.
 * A store failure is never swallowed nor taken for an unreadable report: it is thrown as a
 * {@link MessagingException} (WARN naming the mail), so that James' {@code onMailetException} keeps
 * the mail (by default: the error processor and its repository) until it is reprocessed with the
 * store back. Reprocessing records nothing twice: the store keeps one event per report key and recipient.
 */
public class RecordBounceReports extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecordBounceReports.class);
    static final String RECORDED_PROCESSOR = "recordedProcessor";
    static final String UNREADABLE_PROCESSOR = "unreadableProcessor";
    /** A report dated further ahead than this is taken as dated now: a wrong clock must not date a streak. */
    private static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

    private final BounceAnalyzer analyzer;
    private final BounceRecorder recorder;
    private final Clock clock;
    private final BounceMetrics metrics;
    private final TrustEvaluator trust;
    private Optional<String> recordedProcessor;
    private String unreadableProcessor;

    @Inject
    public RecordBounceReports(BounceAnalyzer analyzer, BounceRecorder recorder, Clock clock, BounceMetrics metrics,
                               TrustEvaluator trust) {
        this.analyzer = analyzer;
        this.recorder = recorder;
        this.clock = clock;
        this.metrics = metrics;
        this.trust = trust;
    }

    /** Without metrics (tests, embedding outside James). */
    public RecordBounceReports(BounceAnalyzer analyzer, BounceRecorder recorder, Clock clock, TrustEvaluator trust) {
        this(analyzer, recorder, clock, BounceMetrics.NONE, trust);
    }

    /** Without metrics, and every report trusted: no trust check configured. */
    public RecordBounceReports(BounceAnalyzer analyzer, BounceRecorder recorder, Clock clock) {
        this(analyzer, recorder, clock, new TrustEvaluator(TrustSettings.none()));
    }

    @Override
    public void init() throws MessagingException {
        InitParameters parameters = InitParameters.of(this, RECORDED_PROCESSOR, UNREADABLE_PROCESSOR);
        recordedProcessor = parameters.processor(RECORDED_PROCESSOR);
        unreadableProcessor = parameters.processor(UNREADABLE_PROCESSOR).orElse(Mail.ERROR);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        byte[] message = Mails.bytesOf(mail);
        Report report = analyzer.analyze(message);
        metrics.reportReceived(report.kind());
        switch (report.kind()) {
            case BOUNCE, FEEDBACK -> {
                if (report.records().isEmpty()) {
                    unreadable(mail, "a " + report.kind().label() + " report (" + report.decoder() + ") naming no recipient");
                    return;
                }
                EventSource source = report.kind() == io.jamesbounce.core.model.ReportKind.FEEDBACK ? EventSource.ARF : EventSource.DSN;
                List<TrustedRecord> checked = checked(report, mail);
                List<TrustedRecord> stored = trust.worthStoring(checked);
                List<Recorded> recorded;
                try {
                    recorded = recordOrThrow(mail, () -> recorder.record(stored, source, reportKey(mail, message), occurredAt(mail),
                        Reporters.of(mail.getRemoteAddr())));
                } catch (StoreDataException e) {
                    // the store refused a value of this report: a retry would fail the same way
                    unreadable(mail, "the store refused a value of the report: " + e.getMessage());
                    return;
                }
                recorded.forEach(r -> r.decision().ifPresent(d -> metrics.recorded(d.outcome())));
                mail.setAttribute(new Attribute(RecordsJson.RECORDS, AttributeValue.of(RecordsJson.of(recorded))));
                if (stored.size() < checked.size()) {
                    // the report's other records were not kept: the mail is, for a person to look at
                    unreadable(mail, "the report names " + checked.size() + " recipients, " + (checked.size() - stored.size())
                        + " of them untrusted beyond the " + trust.maxRecipientsPerReport() + " kept as untrusted events");
                    return;
                }
                mail.setState(recordedProcessor.orElse(Mail.GHOST));
            }
            case UNPARSEABLE -> unreadable(mail, report.problem().orElse("unreadable"));
            default -> LOGGER.debug("not a bounce or feedback report, left in the processor: mail={} kind={}",
                mail.getName(), report.kind().label());
        }
    }

    /**
     * The records with the trust each earned. A report sent to several of our addresses at once (rare)
     * is checked against each: a record is trusted when one of them vouches for it.
     */
    private List<TrustedRecord> checked(Report report, Mail mail) throws MessagingException {
        List<TrustedRecord> result = null;
        for (Arrival arrival : arrivals(mail)) {
            List<TrustedRecord> these = trust.evaluate(report, arrival);
            if (result == null) {
                result = new ArrayList<>(these);
                continue;
            }
            for (int i = 0; i < these.size(); i++) {
                if (!result.get(i).trust().trusted() && these.get(i).trust().trusted()) {
                    result.set(i, these.get(i));
                }
            }
        }
        if (result == null) {
            result = new ArrayList<>(trust.evaluate(report, Arrival.at("")));
        }
        for (TrustedRecord r : result) {
            if (r.trust() instanceof Trust.Untrusted u) {
                metrics.untrustedRecord(u.reason());
            }
        }
        result.stream().map(TrustedRecord::trust).filter(t -> t instanceof Trust.Untrusted u && u.reason() == Trust.Reason.TOO_MANY_RECIPIENTS)
            .findFirst().ifPresent(t -> alertCapped(mail, report, ((Trust.Untrusted) t).detail()));
        return result;
    }

    /** A report naming more recipients than one report may act on: recorded only, and the postmaster told. */
    private void alertCapped(Mail mail, Report report, String detail) {
        String messageId = Mails.messageId(mail).orElse("-");
        LOGGER.warn("bounce report capped, recorded only mail={} sender={} message-id={} records={} cause={}",
            mail.getName(), LogValues.safe(mail.getMaybeSender().asString()), LogValues.safe(messageId), report.records().size(),
            LogValues.safe(detail));
        try {
            PostmasterAlert.send(getMailetContext(), "Bounce report recorded only: it names " + report.records().size() + " recipients",
                "A bounce or feedback report named more recipients than one report may act on (trust.max-recipients-per-report):\n"
                    + detail + ".\nIt suppressed nobody; its records are kept as untrusted events.\n\nmail=" + mail.getName()
                    + "\nsender=" + mail.getMaybeSender().asString() + "\nmessage-id=" + messageId + "\n"
                    + "A genuine report of this size (a list's copy without VERP) can be replayed after checking it.\n");
        } catch (MessagingException | RuntimeException e) {
            LOGGER.warn("capped-report alert not sent mail={} cause={}", mail.getName(), e.toString());
        }
    }

    /** How the mail reached us: per envelope recipient, with the sender, From and Authentication-Results fields. */
    private static List<Arrival> arrivals(Mail mail) throws MessagingException {
        Optional<String> sender = mail.getMaybeSender().asOptional().map(org.apache.james.core.MailAddress::asString);
        Optional<String> from = Optional.ofNullable(mail.getMessage().getHeader("From", ",")).flatMap(Addresses::first);
        String[] fields = mail.getMessage().getHeader("Authentication-Results");
        List<String> authenticationResults = fields == null ? List.of() : List.of(fields);
        List<Arrival> arrivals = new ArrayList<>();
        for (org.apache.james.core.MailAddress recipient : mail.getRecipients()) {
            arrivals.add(new Arrival(recipient.asString(), sender, from, authenticationResults));
        }
        return arrivals;
    }

    /**
     * Runs a store call; its failure becomes a MessagingException for James' onMailetException, so the
     * mail is retried, except a {@link StoreDataException}: the value's fault, not the store's, which
     * the caller handles.
     */
    static <T> T recordOrThrow(Mail mail, java.util.function.Supplier<T> storeCall) throws MessagingException {
        try {
            return storeCall.get();
        } catch (StoreDataException e) {
            throw e;
        } catch (RuntimeException e) {
            LOGGER.warn("bounce store failed, mail left to onMailetException mail={} sender={} message-id={} cause={}",
                mail.getName(), LogValues.safe(mail.getMaybeSender().asString()), LogValues.safe(Mails.messageId(mail).orElse("-")),
                LogValues.safe(e.toString()));
            throw new MessagingException("bounce store failed for mail " + mail.getName() + ": " + e, e);
        }
    }

    private void unreadable(Mail mail, String cause) {
        LOGGER.warn("bounce report not recorded mail={} sender={} message-id={} cause={} sent-to-processor={}",
            mail.getName(), LogValues.safe(mail.getMaybeSender().asString()), LogValues.safe(Mails.messageId(mail).orElse("-")),
            LogValues.safe(cause), unreadableProcessor);
        mail.setAttribute(new Attribute(RecordsJson.PROBLEM, AttributeValue.of(cause)));
        mail.setState(unreadableProcessor);
    }

    /** The report's Message-ID, or a digest of its bytes: stable when the same report is processed again. */
    static String reportKey(Mail mail, byte[] message) {
        return Mails.messageId(mail).orElseGet(() -> "sha256:" + sha256(message));
    }

    private Instant occurredAt(Mail mail) {
        Instant now = clock.instant();
        try {
            Optional<Instant> sent = Optional.ofNullable(mail.getMessage().getSentDate()).map(java.util.Date::toInstant);
            return sent.filter(at -> !at.isAfter(now.plus(MAX_CLOCK_SKEW))).orElse(now);
        } catch (MessagingException e) {
            return now;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        List<ProcessingState> states = new ArrayList<>();
        states.add(new ProcessingState(unreadableProcessor));
        recordedProcessor.map(ProcessingState::new).ifPresent(states::add);
        return List.copyOf(states);
    }

    @Override
    public String getMailetInfo() {
        return "Records bounce and feedback reports in the suppression store";
    }
}
