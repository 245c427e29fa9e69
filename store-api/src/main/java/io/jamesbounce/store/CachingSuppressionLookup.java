package io.jamesbounce.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.jamesbounce.core.policy.AddressKey;

/**
 * The lookup outbound mail pays for every recipient: answers from a bounded in-process cache,
 * asking the list only for addresses not seen within {@code staleness}.
 *
 * <p>Consistency: a change made by any server (this one included) is seen here at most
 * {@code staleness} later; call {@link #invalidate} to see a local change at once. Negative
 * answers are cached too: almost every recipient is not suppressed, and those are the lookups
 * that would otherwise all reach the database. A lookup the list fails caches nothing: the
 * exception reaches the caller, whose failure mode decides, and the next lookup asks again. An
 * answer read from the list while an address was invalidated is not cached: it may predate the change.
 *
 * <p>The answers live in an {@link AnswerTable}: a cached lookup is one hash of the address and one
 * probe into an array, 16 bytes an answer ({@code scripts/bench-store} prints both figures); a
 * mail's recipients are hashed first and probed after, so their memory reads overlap. Past
 * {@code maximumSize}, the answers looked up least (then the oldest) make room, so a burst of one-off
 * recipients (a newsletter) does not flush the regular ones. Time is read from the {@link Clock}, in
 * milliseconds, so tests move it; the system clock is read through a {@link CoarseClock} when the
 * staleness is a second or more (the time then lags by about 10 ms at most on a machine not saturated).
 */
public final class CachingSuppressionLookup {
    private static final Duration COARSE_ENOUGH = Duration.ofSeconds(1);

    private final SuppressionList suppressions;
    private final Clock clock;
    private final long stalenessMillis;
    private final AnswerTable answers;
    /** Counts invalidations: an answer fetched while one happened is not cached. */
    private final AtomicLong invalidations = new AtomicLong();

    /**
     * @param staleness   how old a cached answer may be; changes by other servers are seen within it
     * @param maximumSize how many addresses are kept at most
     */
    public CachingSuppressionLookup(SuppressionList suppressions, Clock clock, Duration staleness, int maximumSize) {
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        Objects.requireNonNull(clock, "clock");
        if (staleness.isNegative()) {
            throw new IllegalArgumentException("staleness must not be negative: " + staleness);
        }
        // a staleness of a second or more hides the coarse clock's few milliseconds; a shorter one is asked for exactly
        this.clock = staleness.compareTo(COARSE_ENOUGH) >= 0 ? CoarseClock.forFrequentReads(clock) : clock;
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be positive: " + maximumSize);
        }
        // an answer as old as the staleness is still good, one millisecond more is not
        this.stalenessMillis = staleness.toMillis();
        this.answers = new AnswerTable(maximumSize, clock.millis(), new SplittableRandom(new SecureRandom().nextLong()));
    }

    public boolean isSuppressed(AddressKey address) {
        int cached = answers.find(address.value(), clock.millis(), stalenessMillis);
        if (cached != AnswerTable.ABSENT) {
            return cached == 1;
        }
        long before = invalidations.get();
        boolean suppressed = suppressions.isSuppressed(address, clock.instant());
        remember(address, suppressed, before);
        return suppressed;
    }

    /** The suppressed recipients of a mail: cached answers plus one list call for all the others. */
    public Set<AddressKey> suppressedAmong(Collection<AddressKey> addresses) {
        // a mail whose every answer is cached and not suppressed, the usual case, allocates no set here
        Set<AddressKey> suppressed = Set.of();
        Set<AddressKey> misses = Set.of();
        AddressKey[] keys = addresses.toArray(new AddressKey[0]);
        int[] cached = new int[keys.length];
        answers.findAll(keys, clock.millis(), stalenessMillis, cached);
        for (int i = 0; i < keys.length; i++) {
            if (cached[i] == 1) {
                suppressed = addTo(suppressed, keys[i]);
            } else if (cached[i] == AnswerTable.ABSENT) {
                misses = addTo(misses, keys[i]);
            }
        }
        if (!misses.isEmpty()) {
            long before = invalidations.get();
            Set<AddressKey> found = suppressions.suppressedAmong(Collections.unmodifiableSet(misses), clock.instant());
            for (AddressKey address : misses) {
                boolean isSuppressed = found.contains(address);
                remember(address, isSuppressed, before);
                if (isSuppressed) {
                    suppressed = addTo(suppressed, address);
                }
            }
        }
        return suppressed;
    }

    private static Set<AddressKey> addTo(Set<AddressKey> set, AddressKey address) {
        Set<AddressKey> growing = set.isEmpty() ? new LinkedHashSet<>() : set;
        growing.add(address);
        return growing;
    }

    /**
     * Caches an answer unless an invalidation came while it was fetched. The second check catches one
     * that comes while it is being cached: {@link #invalidate} counts before it removes, so either it
     * removes this answer or this method sees its count.
     */
    private void remember(AddressKey address, boolean suppressed, long invalidationsBefore) {
        if (invalidations.get() != invalidationsBefore) {
            return;
        }
        answers.put(address.value(), suppressed, clock.millis(), stalenessMillis);
        if (invalidations.get() != invalidationsBefore) {
            answers.remove(address.value());
        }
    }

    /** Forgets an address, e.g. after this server changed it, so the next lookup asks the list. */
    public void invalidate(AddressKey address) {
        invalidations.incrementAndGet();
        answers.remove(address.value());
    }

    public void invalidateAll() {
        invalidations.incrementAndGet();
        answers.clear();
    }

    /** How many fresh answers are held (a pass over the table). */
    public long size() {
        return answers.size(clock.millis(), stalenessMillis);
    }
}
