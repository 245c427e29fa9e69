package io.jamesbounce.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.jamesbounce.core.policy.AddressKey;

/**
 * The lookup outbound mail pays for every recipient: answers from a bounded in-process cache
 * (Caffeine), asking the list only for addresses not seen within {@code staleness}.
 *
 * <p>Consistency: a change made by any server (this one included) is seen here at most
 * {@code staleness} later; call {@link #invalidate} to see a local change at once. Negative
 * answers are cached too: almost every recipient is not suppressed, and those are the lookups
 * that would otherwise all reach the database. A lookup the list fails caches nothing: the
 * exception reaches the caller, whose failure mode decides, and the next lookup asks again.
 *
 * <p>Eviction is Caffeine's (W-TinyLFU): past {@code maximumSize}, the addresses looked up most
 * often stay and a burst of one-off recipients (a newsletter) does not flush them. Time is read from
 * the {@link Clock}, so tests move it. Cost: with a million answers cached, a cached lookup takes
 * about a microsecond ({@code scripts/bench-store}), a chain of cache misses through Caffeine's map
 * and its access-order bookkeeping.
 */
public final class CachingSuppressionLookup {
    private final SuppressionList suppressions;
    private final Clock clock;
    private final Cache<AddressKey, Boolean> cache;
    private final Function<AddressKey, Boolean> lookUp;
    private final Function<Set<? extends AddressKey>, Map<AddressKey, Boolean>> lookUpAll;

    /**
     * @param staleness   how old a cached answer may be; changes by other servers are seen within it
     * @param maximumSize how many addresses are kept at most
     */
    public CachingSuppressionLookup(SuppressionList suppressions, Clock clock, Duration staleness, int maximumSize) {
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (staleness.isNegative()) {
            throw new IllegalArgumentException("staleness must not be negative: " + staleness);
        }
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be positive: " + maximumSize);
        }
        this.cache = Caffeine.newBuilder()
            .maximumSize(maximumSize)
            // an answer as old as the staleness is still good, one nanosecond more is not
            .expireAfterWrite(staleness.plusNanos(1))
            .ticker(() -> clock.millis() * 1_000_000L)
            // evictions run on the caller's thread, not in the common pool James' other work shares
            .executor(Runnable::run)
            .build();
        this.lookUp = address -> suppressions.isSuppressed(address, clock.instant());
        this.lookUpAll = this::lookUpAll;
    }

    public boolean isSuppressed(AddressKey address) {
        return cache.get(address, lookUp);
    }

    /** The suppressed recipients of a mail: cached answers plus one list call for all the others. */
    public Set<AddressKey> suppressedAmong(Collection<AddressKey> addresses) {
        Set<AddressKey> suppressed = new HashSet<>();
        cache.getAll(addresses, lookUpAll).forEach((address, isSuppressed) -> {
            if (isSuppressed) {
                suppressed.add(address);
            }
        });
        return suppressed;
    }

    private Map<AddressKey, Boolean> lookUpAll(Set<? extends AddressKey> misses) {
        Set<AddressKey> found = suppressions.suppressedAmong(Collections.unmodifiableSet(misses), clock.instant());
        Map<AddressKey, Boolean> answers = new HashMap<>(2 * misses.size());
        for (AddressKey address : misses) {
            answers.put(address, found.contains(address));
        }
        return answers;
    }

    /** Forgets an address, e.g. after this server changed it, so the next lookup asks the list. */
    public void invalidate(AddressKey address) {
        cache.invalidate(address);
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }

    /** How many answers are held. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
