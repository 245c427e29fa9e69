package io.jamesbounce.james.mailets;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.james.core.MailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.classify.Classification;
import io.jamesbounce.core.model.BounceRecord;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.Outcome;
import io.jamesbounce.core.text.LogValues;
import io.jamesbounce.core.trust.Trust;
import io.jamesbounce.core.trust.TrustedRecord;
import io.jamesbounce.james.SuppressedRecipients;
import io.jamesbounce.store.DomainRates;
import io.jamesbounce.store.SuppressionService;
import io.jamesbounce.store.TrustGate;
import io.jamesbounce.store.UntrustedEventLog;

/**
 * Feeds report records and delivery failures to the policy through {@link SuppressionService},
 * makes a new suppression visible to this server's outbound lookups at once, and counts each new
 * bounce against its recipient's domain ({@link DomainRates#recordBounce}, in memory). A record whose
 * report could not be authenticated goes to the {@link UntrustedEventLog} through the {@link TrustGate}
 * instead: it suppresses nothing and counts against no domain, or a forger could throttle one.
 */
@Singleton
public class BounceRecorder {
    private static final Logger LOGGER = LoggerFactory.getLogger(BounceRecorder.class);

    private final SuppressionService service;
    private final SuppressedRecipients suppressed;
    private final DomainRates rates;
    private final TrustGate gate;

    @Inject
    public BounceRecorder(SuppressionService service, SuppressedRecipients suppressed, DomainRates rates,
                          UntrustedEventLog untrusted, Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.suppressed = Objects.requireNonNull(suppressed, "suppressed");
        this.rates = Objects.requireNonNull(rates, "rates");
        this.gate = new TrustGate(service, untrusted, clock);
    }

    /**
     * Records every record of one report; records that name no usable address are skipped, and say why.
     * The store keeps one event per report and recipient: when a report names a recipient twice, the
     * record with a known cause is the one kept. {@code reporter} is who handed us the report (the
     * client's network), what the domain rates count as one independent reporter.
     */
    public List<Recorded> record(List<TrustedRecord> records, EventSource source, String reportKey, Instant occurredAt,
                                 String reporter) {
        List<Recorded> result = new ArrayList<>();
        List<TrustedRecord> ordered = new ArrayList<>(records);
        ordered.sort(java.util.Comparator.comparing(r -> r.record().category() == io.jamesbounce.core.model.Category.UNKNOWN));
        for (TrustedRecord trusted : ordered) {
            BounceRecord record = trusted.record();
            if (record.recipient().isEmpty()) {
                result.add(Recorded.skipped(record, "recipient redacted by the reporter"));
                continue;
            }
            BounceEvent event;
            try {
                event = BounceEvent.from(record, source, occurredAt, reportKey, suppressed.matching());
            } catch (IllegalArgumentException e) {
                LOGGER.warn("bounce record skipped report={} recipient='{}' cause={}", LogValues.safe(reportKey),
                    LogValues.safe(record.recipient()), LogValues.safe(e.getMessage()));
                result.add(Recorded.skipped(record, e.getMessage()));
                continue;
            }
            result.add(Recorded.decided(Optional.of(record), record(event, trusted.trust(), reporter)));
        }
        return List.copyOf(result);
    }

    /** The store's key for a recipient, under the configured local-part matching; empty if it is not a mailbox. */
    public Optional<AddressKey> keyOf(MailAddress recipient) {
        return suppressed.keyOf(recipient);
    }

    /** An event of our own (James' delivery failures): nothing to authenticate. */
    public Decision record(BounceEvent event) {
        return record(event, new Trust.Trusted(Trust.Basis.UNCHECKED), DomainRates.ownDelivery(event.recipient()));
    }

    private Decision record(BounceEvent event, Trust trust, String reporter) {
        if (!trust.trusted()) {
            return gate.record(event, trust);
        }
        Decision decision = service.record(event);
        if (decision.outcome() != Outcome.DUPLICATE && !Classification.isRoutineDeferral(event.ruleId())) {
            // the same report processed twice counts once, as in the store; a greylisting deferral
            // of a new sender is routine and never counts against the domain
            rates.recordBounce(event.recipient(), event.category(), event.status(), reporter);
        }
        if (decision.suppresses()) {
            suppressed.invalidate(event.recipient());
        }
        // every record says what became of it, soft and record-only ones too (the suppression service
        // adds its own line when one suppresses)
        LOGGER.info("bounce recorded report={} recipient={} source={} category={} rule={} outcome={} policy-rule={}",
            LogValues.safe(event.reportKey()), LogValues.safe(event.recipient()), event.source(), event.category().label(), event.ruleId(),
            decision.outcome().name().toLowerCase(Locale.ROOT), decision.ruleId());
        return decision;
    }
}
