package io.jamesbounce.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.SuppressionPolicy;
import io.jamesbounce.core.text.LogValues;

/**
 * Ties the pure policy to the store: what a mailet calls for each recipient of a report, and
 * what WebAdmin calls for manual changes. Every change to the list is logged as one line.
 */
public final class SuppressionService {
    private static final Logger LOGGER = LoggerFactory.getLogger(SuppressionService.class);

    private final BounceEventHistory events;
    private final SuppressionList suppressions;
    private final SuppressionPolicy policy;
    private final Clock clock;

    /**
     * @param events       where {@link #record} stores an event and, in the same transaction, what it decided
     * @param suppressions the list that manual changes go to; the same store as {@code events}
     */
    public SuppressionService(BounceEventHistory events, SuppressionList suppressions, SuppressionPolicy policy, Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores the event once and applies the policy to it. A report seen before yields
     * {@link io.jamesbounce.core.policy.Outcome#DUPLICATE} and changes nothing.
     */
    public Decision decide(BounceEvent event) {
        // one transaction: the unique constraint decides, across servers, who handles a report, and the
        // event is never stored without the suppression it decided (a retry would take it for a duplicate)
        Instant since = event.occurredAt().minus(policy.settings().historyWindow());
        Optional<Decision> decided = events.recordEventAndDecide(event, since, history -> policy.decide(event, history));
        if (decided.isEmpty()) {
            return Decision.duplicate(event, clock.instant());
        }
        Decision decision = decided.get();
        if (decision.suppresses()) {
            LOGGER.info("suppression added address={} category={} rule={} source={} report={} expires={} code={} status={}",
                LogValues.safe(event.recipient()), event.category().label(), decision.ruleId(), event.source(), LogValues.safe(event.reportKey()),
                decision.expiresAt().map(Instant::toString).orElse("never"),
                event.replyCode().map(Object::toString).orElse("-"), event.status().map(Object::toString).orElse("-"));
        }
        return decision;
    }

    /** An operator suppresses an address for good (allowlisted or not: the operator said so). */
    public Suppression suppressManually(AddressKey address, Category category, String actor, String reason) {
        Change change = new Change(actor, reason, clock.instant());
        Suppression suppression = Suppression.of(address, category, EventSource.MANUAL, Suppression.MANUAL_RULE,
            change.at(), Optional.empty());
        suppressions.suppressManually(suppression, change);
        LOGGER.info("suppression added address={} category={} rule={} source={} actor={} reason={}",
            address, category.label(), Suppression.MANUAL_RULE, EventSource.MANUAL, LogValues.safe(actor), LogValues.safe(reason));
        return suppression;
    }

    /** An operator lifts a suppression; the address is suppressed again if it bounces again. */
    public boolean remove(AddressKey address, String actor, String reason) {
        boolean removed = suppressions.remove(address, new Change(actor, reason, clock.instant()));
        if (removed) {
            LOGGER.info("suppression removed address={} actor={} reason={}", address, LogValues.safe(actor), LogValues.safe(reason));
        }
        return removed;
    }

    public boolean isSuppressed(AddressKey address) {
        return suppressions.isSuppressed(address, clock.instant());
    }
}
