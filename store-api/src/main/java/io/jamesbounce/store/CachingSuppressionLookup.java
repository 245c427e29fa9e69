package io.jamesbounce.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.jamesbounce.core.policy.AddressKey;

/**
 * The lookup outbound mail pays for every recipient: answers from a bounded in-process cache,
 * asking the repository only for addresses not seen within {@code staleness}.
 *
 * <p>Consistency: a change made by any server (this one included) is seen here at most
 * {@code staleness} later; call {@link #invalidate} to see a local change at once. Negative
 * answers are cached too: almost every recipient is not suppressed, and those are the lookups
 * that would otherwise all reach the database.
 *
 * <p>The cache is split into segments, each an access-ordered {@link LinkedHashMap} under its own
 * lock: least-recently-used eviction per segment, with little contention between threads. A
 * library (Caffeine) would do this too, but it would be one more jar in James' extension folder
 * for forty lines of code.
 */
public final class CachingSuppressionLookup {
    private static final int SEGMENTS = 16;

    private final SuppressionRepository repository;
    private final Clock clock;
    private final long stalenessMillis;
    private final Segment[] segments;

    /**
     * @param staleness   how old a cached answer may be; changes by other servers are seen within it
     * @param maximumSize how many addresses are kept; the least recently used go first
     */
    public CachingSuppressionLookup(SuppressionRepository repository, Clock clock, Duration staleness, int maximumSize) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (staleness.isNegative()) {
            throw new IllegalArgumentException("staleness must not be negative: " + staleness);
        }
        if (maximumSize < SEGMENTS) {
            throw new IllegalArgumentException("maximumSize must be at least " + SEGMENTS + ": " + maximumSize);
        }
        this.stalenessMillis = staleness.toMillis();
        this.segments = new Segment[SEGMENTS];
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment(maximumSize / SEGMENTS);
        }
    }

    public boolean isSuppressed(AddressKey address) {
        long now = clock.millis();
        Segment segment = segmentOf(address);
        Boolean cached = segment.get(address, now - stalenessMillis);
        if (cached != null) {
            return cached;
        }
        boolean suppressed = repository.isSuppressed(address, clock.instant());
        segment.put(address, suppressed, now);
        return suppressed;
    }

    /** The suppressed recipients of a mail: cached answers plus one repository call for all the others. */
    public Set<AddressKey> suppressedAmong(Collection<AddressKey> addresses) {
        long now = clock.millis();
        Set<AddressKey> suppressed = new HashSet<>();
        List<AddressKey> misses = new ArrayList<>();
        for (AddressKey address : addresses) {
            Boolean cached = segmentOf(address).get(address, now - stalenessMillis);
            if (cached == null) {
                misses.add(address);
            } else if (cached) {
                suppressed.add(address);
            }
        }
        if (!misses.isEmpty()) {
            Set<AddressKey> found = repository.suppressedAmong(misses, clock.instant());
            for (AddressKey address : misses) {
                boolean isSuppressed = found.contains(address);
                segmentOf(address).put(address, isSuppressed, now);
                if (isSuppressed) {
                    suppressed.add(address);
                }
            }
        }
        return suppressed;
    }

    /** Forgets an address, e.g. after this server changed it, so the next lookup asks the repository. */
    public void invalidate(AddressKey address) {
        segmentOf(address).remove(address);
    }

    public void invalidateAll() {
        for (Segment segment : segments) {
            segment.clear();
        }
    }

    public long size() {
        long size = 0;
        for (Segment segment : segments) {
            size += segment.size();
        }
        return size;
    }

    private Segment segmentOf(AddressKey address) {
        int h = address.hashCode();
        return segments[(h ^ (h >>> 16)) & (SEGMENTS - 1)];
    }

    /** One cached answer: the entry's age is what bounds staleness, whatever the entry says. */
    private record Answer(boolean suppressed, long loadedAtMillis) {
    }

    private static final class Segment {
        private final LinkedHashMap<AddressKey, Answer> map;

        Segment(int capacity) {
            this.map = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<AddressKey, Answer> eldest) {
                    return size() > capacity;
                }
            };
        }

        synchronized Boolean get(AddressKey address, long freshAfterMillis) {
            Answer answer = map.get(address);
            if (answer == null) {
                return null;
            }
            if (answer.loadedAtMillis() < freshAfterMillis) {
                map.remove(address);
                return null;
            }
            return answer.suppressed();
        }

        synchronized void put(AddressKey address, boolean suppressed, long nowMillis) {
            map.put(address, new Answer(suppressed, nowMillis));
        }

        synchronized void remove(AddressKey address) {
            map.remove(address);
        }

        synchronized void clear() {
            map.clear();
        }

        synchronized int size() {
            return map.size();
        }
    }
}
