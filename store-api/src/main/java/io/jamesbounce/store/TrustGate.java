package io.jamesbounce.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.core.policy.Outcome;
import io.jamesbounce.core.text.LogValues;
import io.jamesbounce.core.trust.Trust;

/**
 * What a mailet calls instead of {@link SuppressionService#record} once reports are checked
 * ({@link io.jamesbounce.core.trust.TrustEvaluator}): a trusted event goes to the service as before;
 * an untrusted one goes to the {@link UntrustedEventLog}, is logged as one line, and the answer is
 * {@link Outcome#RECORD_ONLY} under rule {@value #UNTRUSTED}: it suppresses nothing, and it never
 * enters the history that the policy's soft-streak rule reads.
 */
public final class TrustGate {
    public static final String UNTRUSTED = "untrusted-report";
    private static final Logger LOGGER = LoggerFactory.getLogger(TrustGate.class);

    private final SuppressionService service;
    private final UntrustedEventLog untrusted;
    private final Clock clock;

    public TrustGate(SuppressionService service, UntrustedEventLog untrusted, Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.untrusted = Objects.requireNonNull(untrusted, "untrusted");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Decision record(BounceEvent event, Trust trust) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(trust, "trust");
        if (trust instanceof Trust.Untrusted u) {
            Instant now = clock.instant();
            if (!untrusted.record(new UntrustedEvent(event, u.reason(), u.detail(), now))) {
                return Decision.duplicate(event, now);
            }
            LOGGER.info("untrusted report recorded address={} category={} source={} report={} reason={} detail={}",
                LogValues.safe(event.recipient()), event.category().label(), event.source(), LogValues.safe(event.reportKey()), u.reason(),
                LogValues.safe(u.detail()));
            return new Decision(Outcome.RECORD_ONLY, UNTRUSTED,
                "the report could not be authenticated (" + u.detail() + "): recorded, suppresses nothing", event, now, Optional.empty());
        }
        return service.record(event);
    }
}
