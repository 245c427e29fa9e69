package io.jamesbounce.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.classify.Classification;
import io.jamesbounce.core.classify.Classifier;
import io.jamesbounce.core.model.BounceRecord;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.model.Report;
import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.core.policy.Outcome;
import io.jamesbounce.core.text.LogValues;
import io.jamesbounce.core.trust.Arrival;
import io.jamesbounce.core.trust.Trust;
import io.jamesbounce.core.trust.TrustEvaluator;
import io.jamesbounce.core.trust.TrustedRecord;
import io.jamesbounce.ingest.IngestOutcome.Capped;
import io.jamesbounce.ingest.IngestOutcome.NotAReport;
import io.jamesbounce.ingest.IngestOutcome.Stored;
import io.jamesbounce.ingest.IngestOutcome.Unreadable;
import io.jamesbounce.store.CachingSuppressionLookup;
import io.jamesbounce.store.DomainRates;
import io.jamesbounce.store.StoreDataException;
import io.jamesbounce.store.SuppressionService;
import io.jamesbounce.store.UntrustedEvent;
import io.jamesbounce.store.UntrustedEventLog;

/**
 * What becomes of a report, or of a mail this server failed to deliver, from the parsed report to the
 * stored decision: the trust check, one {@link BounceEvent} per recipient, the policy through
 * {@link SuppressionService}, the per-domain bounce count, the outbound cache told of a new
 * suppression, and one log line per recipient. Knows nothing of James: the mailets hand over what
 * they read from the mail and turn the {@link IngestOutcome} into the mail's next state; the CLI's
 * backlog scan uses the same flow.
 *
 * <p>A record whose report could not be authenticated goes to the {@link UntrustedEventLog} instead
 * of the policy: it suppresses nothing, enters no soft streak and counts against no domain, or a
 * forger could throttle one. A store failure is not caught (the caller keeps the mail for a retry),
 * except a {@link StoreDataException}: the value's fault, which a retry would meet again.
 */
public final class ReportIngestion {
    /** The policy rule an untrusted record is decided under. */
    public static final String UNTRUSTED_RULE = "untrusted-report";
    /** The rule of a temporary failure that outlived the retries without a recognisable cause. */
    public static final String RETRIES_EXHAUSTED_RULE = "remote-delivery.retries-exhausted";
    private static final Logger LOGGER = LoggerFactory.getLogger(ReportIngestion.class);
    private static final Trust OWN_FAILURE = new Trust.Trusted(Trust.Basis.UNCHECKED);

    private final SuppressionService service;
    private final UntrustedEventLog untrusted;
    private final TrustEvaluator trust;
    private final Classifier classifier;
    private final DomainRates rates;
    private final CachingSuppressionLookup lookup;
    private final LocalPartMatching matching;
    private final IngestMetrics metrics;
    private final Clock clock;

    public ReportIngestion(SuppressionService service, UntrustedEventLog untrusted, TrustEvaluator trust, Classifier classifier,
                           DomainRates rates, CachingSuppressionLookup lookup, LocalPartMatching matching, IngestMetrics metrics,
                           Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.untrusted = Objects.requireNonNull(untrusted, "untrusted");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.rates = Objects.requireNonNull(rates, "rates");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.matching = Objects.requireNonNull(matching, "matching");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A report as the analyzer read it. */
    public IngestOutcome ingest(Report report, ReportReceipt receipt) {
        metrics.reportReceived(report.kind());
        return switch (report.kind()) {
            case BOUNCE, FEEDBACK -> report.records().isEmpty()
                ? Unreadable.because("a " + report.kind().label() + " report (" + report.decoder() + ") naming no recipient")
                : ingestRecords(report, receipt);
            case UNPARSEABLE -> Unreadable.because(report.problem().orElse("unreadable"));
            default -> new NotAReport(report.kind());
        };
    }

    private IngestOutcome ingestRecords(Report report, ReportReceipt receipt) {
        EventSource source = report.kind() == ReportKind.FEEDBACK ? EventSource.ARF : EventSource.DSN;
        List<TrustedRecord> checked = checked(report, receipt.arrivals());
        Optional<Capped> capped = capped(report, checked);
        List<TrustedRecord> kept = trust.worthStoring(checked);
        List<RecipientOutcome> outcomes;
        try {
            outcomes = store(kept, source, receipt);
        } catch (StoreDataException e) {
            return new Unreadable("the store refused a value of the report: " + e.getMessage(), List.of(), capped);
        }
        outcomes.forEach(o -> o.decision().ifPresent(d -> metrics.recorded(d.outcome())));
        if (kept.size() < checked.size()) {
            return new Unreadable("the report names " + checked.size() + " recipients, " + (checked.size() - kept.size())
                + " of them untrusted beyond the " + trust.maxRecipientsPerReport() + " kept as untrusted events", outcomes, capped);
        }
        return new Stored(outcomes, capped);
    }

    /**
     * The records with the trust each earned. A report sent to several of our addresses at once (rare)
     * is checked against each: a record is trusted when one of them vouches for it.
     */
    private List<TrustedRecord> checked(Report report, List<Arrival> arrivals) {
        List<TrustedRecord> result = null;
        for (Arrival arrival : arrivals.isEmpty() ? List.of(Arrival.at("")) : arrivals) {
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
        for (TrustedRecord r : result) {
            if (r.trust() instanceof Trust.Untrusted u) {
                metrics.untrustedRecord(u.reason());
            }
        }
        return result;
    }

    private static Optional<Capped> capped(Report report, List<TrustedRecord> checked) {
        for (TrustedRecord r : checked) {
            if (r.trust() instanceof Trust.Untrusted u && u.reason() == Trust.Reason.TOO_MANY_RECIPIENTS) {
                return Optional.of(new Capped(report.records().size(), u.detail()));
            }
        }
        return Optional.empty();
    }

    /**
     * One event per record that names a usable address; the others say why not. The store keeps one
     * event per report and recipient: when a report names a recipient twice, the record with a known
     * cause is the one kept.
     */
    private List<RecipientOutcome> store(List<TrustedRecord> records, EventSource source, ReportReceipt receipt) {
        List<RecipientOutcome> result = new ArrayList<>();
        List<TrustedRecord> ordered = new ArrayList<>(records);
        ordered.sort(Comparator.comparing(r -> r.record().category() == Category.UNKNOWN));
        for (TrustedRecord trusted : ordered) {
            BounceRecord record = trusted.record();
            if (record.recipient().isEmpty()) {
                result.add(RecipientOutcome.skipped(record, "recipient redacted by the reporter"));
                continue;
            }
            BounceEvent event;
            try {
                event = BounceEvent.from(record, source, receipt.occurredAt(), receipt.reportKey(), matching);
            } catch (IllegalArgumentException e) {
                LOGGER.warn("bounce record skipped report={} recipient='{}' cause={}", LogValues.safe(receipt.reportKey()),
                    LogValues.safe(record.recipient()), LogValues.safe(e.getMessage()));
                result.add(RecipientOutcome.skipped(record, e.getMessage()));
                continue;
            }
            result.add(RecipientOutcome.decided(Optional.of(record), decide(event, trusted.trust(), receipt.reporter())));
        }
        return List.copyOf(result);
    }

    /**
     * A mail this server failed to deliver: classified from its reply, a failure that outlived the
     * retries without a recognisable cause counted as {@code expired}, one event per recipient. A
     * recipient that is no mailbox, or whose values the store refuses, is left out with a WARN.
     */
    public IngestOutcome ingest(DeliveryFailure failure) {
        String text = failure.error().orElse("");
        Optional<ReplyCode> reply = failure.replyCode().flatMap(c -> ReplyCode.parse(Integer.toString(c))).or(() -> ReplyCode.find(text));
        Optional<EnhancedStatus> status = EnhancedStatus.findAfterReplyCode(text).or(() -> EnhancedStatus.find(text));
        Classification classification = classifier.classify(status, reply, text);
        boolean permanent = failure.permanent().orElseGet(() -> reply.map(r -> r.statusClass() == 5)
            .or(() -> status.map(EnhancedStatus::isPermanent)).orElse(true));
        boolean expired = !permanent && classification.category() == Category.UNKNOWN;
        Category category = expired ? Category.EXPIRED : classification.category();
        String rule = expired ? RETRIES_EXHAUSTED_RULE : classification.ruleId();
        Instant now = clock.instant();
        List<RecipientOutcome> outcomes = new ArrayList<>();
        for (String recipient : failure.recipients()) {
            Optional<AddressKey> key = AddressKey.tryOf(recipient, matching);
            if (key.isEmpty()) {
                LOGGER.warn("delivery failure not recorded mail={} recipient={} cause=not a mailbox address", failure.mailName(),
                    LogValues.safe(recipient));
                continue;
            }
            BounceEvent event = BounceEvent.bare("remote-delivery:" + failure.mailName(), key.get(), now,
                EventSource.SYNCHRONOUS_DELIVERY_FAILURE, category, rule);
            event = reply.map(event::withReplyCode).orElse(event);
            event = status.map(event::withStatus).orElse(event);
            event = text.isEmpty() ? event : event.withDiagnostic(text);
            event = failure.messageId().map(event::withOriginalMessageId).orElse(event);
            try {
                outcomes.add(RecipientOutcome.decided(Optional.empty(), decide(event, OWN_FAILURE, DomainRates.ownDelivery(key.get()))));
            } catch (StoreDataException e) {
                LOGGER.warn("delivery failure not recorded mail={} recipient={} cause={}", failure.mailName(), LogValues.safe(recipient),
                    LogValues.safe(e.getMessage()));
            }
        }
        return new Stored(outcomes, Optional.empty());
    }


    private Decision decide(BounceEvent event, Trust trust, String reporter) {
        if (trust instanceof Trust.Untrusted u) {
            return holdUntrusted(event, u);
        }
        Decision decision = service.decide(event);
        if (decision.outcome() != Outcome.DUPLICATE && !Classification.isRoutineDeferral(event.ruleId())) {
            // the same report processed twice counts once, as in the store; a greylisting deferral
            // of a new sender is routine and never counts against the domain
            rates.recordBounce(event.recipient(), event.category(), event.status(), reporter);
        }
        if (decision.suppresses()) {
            lookup.invalidate(event.recipient());
        }
        // every recipient says what became of it, soft and record-only ones too (the suppression
        // service adds its own line when one suppresses)
        LOGGER.info("bounce recorded report={} recipient={} source={} category={} rule={} outcome={} policy-rule={}",
            LogValues.safe(event.reportKey()), LogValues.safe(event.recipient()), event.source(), event.category().label(), event.ruleId(),
            decision.outcome().name().toLowerCase(Locale.ROOT), decision.ruleId());
        return decision;
    }

    /** Kept as evidence, outside the history the policy reads: it acts on nobody. */
    private Decision holdUntrusted(BounceEvent event, Trust.Untrusted u) {
        Instant now = clock.instant();
        if (!untrusted.record(new UntrustedEvent(event, u.reason(), u.detail(), now))) {
            return Decision.duplicate(event, now);
        }
        LOGGER.info("untrusted report recorded address={} category={} source={} report={} reason={} detail={}",
            LogValues.safe(event.recipient()), event.category().label(), event.source(), LogValues.safe(event.reportKey()), u.reason(),
            LogValues.safe(u.detail()));
        return new Decision(Outcome.RECORD_ONLY, UNTRUSTED_RULE,
            "the report could not be authenticated (" + u.detail() + "): recorded, suppresses nothing", event, now, Optional.empty());
    }
}
