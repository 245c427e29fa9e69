package io.jamesbounce.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.jamesbounce.core.policy.AddressKey;

/**
 * The suppressions in force and the lookups outbound mail makes against them. Every backend runs
 * {@code SuppressionListContract}.
 *
 * <p>An operator's changes ({@link #suppressManually}, {@link #remove}) are written to the backend's
 * {@link SuppressionAuditTrail} in the same transaction as the entry they change.
 *
 * <p>Several James servers may share one store: every write is safe against a concurrent write of
 * the same address by another server, without locks held across calls.
 */
public interface SuppressionList {
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
}
