package io.jamesbounce.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.jamesbounce.core.policy.AddressHistory;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.Attempt;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;

/**
 * The suppression list, the events that fed it, the allowlist and the audit of manual changes.
 * Every backend runs {@code SuppressionRepositoryContract}.
 *
 * <p>Several James servers may share one store: every write is safe against a concurrent write of
 * the same address or the same event by another server, without locks held across calls.
 */
public interface SuppressionRepository {

    // ---- events

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

    // ---- suppressions

    /**
     * Adds or refreshes an entry decided by the policy. A permanent entry stays as it is, with the
     * evidence that first put it there; an expiring entry is replaced by any newer decision.
     */
    void suppress(Suppression suppression);

    /** An operator adds an entry: stored as {@link #suppress} does, and audited. */
    void suppressManually(Suppression suppression, Change change);

    /**
     * An operator lifts an entry; the removal is audited, and the address can be suppressed again later.
     *
     * @return false if there was no entry (nothing is audited then)
     */
    boolean remove(AddressKey address, Change change);

    /** The stored entry, active or expired. */
    Optional<Suppression> find(AddressKey address);

    /** Which of these addresses have an entry active at {@code now}: one round trip for a whole recipient list. */
    Set<AddressKey> suppressedAmong(Collection<AddressKey> addresses, Instant now);

    default boolean isSuppressed(AddressKey address, Instant now) {
        return !suppressedAmong(List.of(address), now).isEmpty();
    }

    /**
     * A page of entries, active or expired, in address order: the backend's own order (a database
     * collation may differ from {@link String#compareTo}), which keyset paging follows consistently.
     */
    SuppressionPage search(SuppressionQuery query);

    /**
     * Hands every entry to the consumer, in the backend's address order, without holding the list in memory:
     * the export path for millions of entries.
     */
    void forEachSuppression(Consumer<? super Suppression> consumer);

    /**
     * Stores entries that are not there yet, in batches; existing entries are left as they are.
     *
     * @return how many entries were added
     */
    long importSuppressions(Iterator<Suppression> suppressions);

    /** Deletes entries that expired before {@code now}. @return how many */
    long purgeExpired(Instant now);

    /** The manual changes of an address, oldest first. */
    List<AuditEntry> auditHistory(AddressKey address);

    default SuppressionDetails details(AddressKey address) {
        return new SuppressionDetails(address, find(address), events(address), auditHistory(address));
    }

    /** {@link #details(AddressKey)} with the newest {@code eventLimit} events only. */
    default SuppressionDetails details(AddressKey address, int eventLimit) {
        return new SuppressionDetails(address, find(address), recentEvents(address, eventLimit), auditHistory(address));
    }

    // ---- allowlist

    /** Adds an address or domain; adding it again keeps the first entry. */
    void allow(AllowlistEntry entry);

    /**
     * Removes an address or domain, matched as written or case-folded (so both a default and a
     * case-sensitive entry can be removed by its value).
     *
     * @return false if the value was not on the allowlist
     */
    boolean disallow(String addressOrDomain);

    /** Whether the address or its whole domain is allowlisted. */
    boolean isAllowlisted(AddressKey address);

    List<AllowlistEntry> allowlist();
}
