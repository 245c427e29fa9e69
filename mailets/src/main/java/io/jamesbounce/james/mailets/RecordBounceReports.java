package io.jamesbounce.james.mailets;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.text.Addresses;
import io.jamesbounce.core.text.LogValues;
import io.jamesbounce.core.trust.Arrival;
import io.jamesbounce.ingest.IngestOutcome;
import io.jamesbounce.ingest.ReportIngestion;
import io.jamesbounce.ingest.ReportReceipt;
import io.jamesbounce.james.common.Mails;

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
 * What becomes of the report is {@link ReportIngestion}'s business; this mailet hands it what the mail
 * says (its bytes, its envelope, its Message-ID and Date, the client's network) and routes the mail by
 * the outcome. Before anything is recorded, the report is checked: a bounce to a return path whose
 * signature does not verify for its recipient, or a feedback report from a source that is not a
 * configured feedback loop, is recorded as untrusted and suppresses nothing.
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
    private final ReportIngestion ingestion;
    private final Clock clock;
    private Optional<String> recordedProcessor;
    private String unreadableProcessor;

    @Inject
    public RecordBounceReports(BounceAnalyzer analyzer, ReportIngestion ingestion, Clock clock) {
        this.analyzer = analyzer;
        this.ingestion = ingestion;
        this.clock = clock;
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
        ReportReceipt receipt = new ReportReceipt(reportKey(mail, message), occurredAt(mail), Reporters.of(mail.getRemoteAddr()),
            arrivals(mail));
        IngestOutcome outcome = StoreCalls.keepingTheMail(mail, () -> ingestion.ingest(analyzer.analyze(message), receipt));
        if (!outcome.recipients().isEmpty()) {
            mail.setAttribute(new Attribute(RecordsJson.RECORDS, AttributeValue.of(RecordsJson.of(outcome.recipients()))));
        }
        switch (outcome) {
            case IngestOutcome.Stored stored -> {
                stored.capped().ifPresent(capped -> alertCapped(mail, capped));
                mail.setState(recordedProcessor.orElse(Mail.GHOST));
            }
            case IngestOutcome.Unreadable unreadable -> {
                unreadable.capped().ifPresent(capped -> alertCapped(mail, capped));
                unreadable(mail, unreadable.cause());
            }
            case IngestOutcome.NotAReport other -> LOGGER.debug("not a bounce or feedback report, left in the processor: mail={} kind={}",
                mail.getName(), other.kind().label());
        }
    }

    /** A report naming more recipients than one report may act on: recorded only, and the postmaster told. */
    private void alertCapped(Mail mail, IngestOutcome.Capped capped) {
        String messageId = Mails.messageId(mail).orElse("-");
        LOGGER.warn("bounce report capped, recorded only mail={} sender={} message-id={} records={} cause={}",
            mail.getName(), LogValues.safe(mail.getMaybeSender().asString()), LogValues.safe(messageId), capped.records(),
            LogValues.safe(capped.detail()));
        try {
            PostmasterAlert.send(getMailetContext(), "Bounce report recorded only: it names " + capped.records() + " recipients",
                "A bounce or feedback report named more recipients than one report may act on (trust.max-recipients-per-report):\n"
                    + capped.detail() + ".\nIt suppressed nobody; its records are kept as untrusted events.\n\nmail=" + mail.getName()
                    + "\nsender=" + mail.getMaybeSender().asString() + "\nmessage-id=" + messageId + "\n"
                    + "A genuine report of this size (a list's copy without VERP) can be replayed after checking it.\n");
        } catch (MessagingException | RuntimeException e) {
            LOGGER.warn("capped-report alert not sent mail={} cause={}", mail.getName(), e.toString());
        }
    }

    /** How the mail reached us: per envelope recipient, with the sender, From and Authentication-Results fields. */
    private static List<Arrival> arrivals(Mail mail) throws MessagingException {
        Optional<String> sender = mail.getMaybeSender().asOptional().map(MailAddress::asString);
        Optional<String> from = Optional.ofNullable(mail.getMessage().getHeader("From", ",")).flatMap(Addresses::first);
        String[] fields = mail.getMessage().getHeader("Authentication-Results");
        List<String> authenticationResults = fields == null ? List.of() : List.of(fields);
        List<Arrival> arrivals = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            arrivals.add(new Arrival(recipient.asString(), sender, from, authenticationResults));
        }
        return arrivals;
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
            Optional<Instant> sent = Optional.ofNullable(mail.getMessage().getSentDate()).map(Date::toInstant);
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
