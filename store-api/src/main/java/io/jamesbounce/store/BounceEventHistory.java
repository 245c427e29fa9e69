package io.jamesbounce.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.policy.AddressHistory;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.Attempt;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;

/**
 * The bounce events recorded per recipient: the history the policy decides on. Every backend runs
 * {@code BounceEventHistoryContract}.
 *
 * <p>{@link #recordEventAndDecide} reads the backend's {@link Allowlist} and writes to its
 * {@link SuppressionList}: a backend implements the three on one store, so that it is one transaction.
 *
 * <p>Several James servers may share one store: recording the same event twice, from any server,
 * stores it once.
 */
public interface BounceEventHistory {
    /**
     * Stores the event unless one with the same report key and recipient is already stored.
     *
     * @return true if this call stored it, false if it was there already (a replayed report)
     */
    boolean recordEvent(BounceEvent event);

    /**
     * Stores the event and, in the same transaction, the suppression that the decision taken on the
     * address's history asks for: a failure at any point leaves neither, so a retry reaches the state
     * of one clean pass (never a stored event without its suppression). The history is the address's
     * allowlisting and its attempts since {@code historySince}, the new event included, read in that
     * transaction.
     *
     * @return the decision; empty when the event was stored before (a replayed report: nothing is decided)
     */
    Optional<Decision> recordEventAndDecide(BounceEvent event, Instant historySince, EventDecision decision);

    /** What the policy decides for an event from the address's history; pure, called inside the transaction. */
    @FunctionalInterface
    interface EventDecision {
        Decision decide(AddressHistory history);
    }

    /** The events for an address that occurred at or after {@code since}, oldest first: the policy's history. */
    List<Attempt> attempts(AddressKey address, Instant since);

    /** Every event recorded for an address, oldest first. */
    List<BounceEvent> events(AddressKey address);

    /**
     * The newest {@code limit} events of an address, oldest first: what a listing shows without holding
     * an address's whole history (a backend with a database reads only those).
     */
    default List<BounceEvent> recentEvents(AddressKey address, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        List<BounceEvent> all = events(address);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    /** Events per recipient domain and category that occurred in [{@code from}, {@code to}). */
    List<EventCount> countEvents(Instant from, Instant to);

    /** Deletes events that occurred before {@code before}; suppressions are kept. @return how many */
    long purgeEventsBefore(Instant before);
}
