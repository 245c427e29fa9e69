package io.jamesbounce.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
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
 * <p>Why not a {@code LinkedHashMap}: with a million entries every lookup is a string of cache
 * misses (table, node, key, key bytes, value), about a microsecond on a small virtual machine.
 * Here each of 16 segments holds two generations of open-addressing tables of {@code long}
 * pairs, {@code [fingerprint, loadedAt << 1 | suppressed]}: a miss-free probe for the common
 * answer, 32 bytes per entry instead of about 150, and no per-entry objects for the collector.
 * When the young generation is half full the old one is dropped: eviction by age, which is what
 * staleness asks for anyway. The address itself is kept only for suppressed entries, to verify a
 * positive answer: a 64-bit fingerprint collision may at worst let one mail through, never stop one.
 * A library (Caffeine) would be one more jar in James' extension folder and slower here.
 */
public final class CachingSuppressionLookup {
    private static final int SEGMENTS = 16;

    private final SuppressionList repository;
    private final Clock clock;
    private final long stalenessMillis;
    private final Segment[] segments;

    /**
     * @param staleness   how old a cached answer may be; changes by other servers are seen within it
     * @param maximumSize how many addresses are kept at most; the oldest answers go first
     */
    public CachingSuppressionLookup(SuppressionList repository, Clock clock, Duration staleness, int maximumSize) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (staleness.isNegative()) {
            throw new IllegalArgumentException("staleness must not be negative: " + staleness);
        }
        if (maximumSize < 2 * SEGMENTS) {
            throw new IllegalArgumentException("maximumSize must be at least " + 2 * SEGMENTS + ": " + maximumSize);
        }
        this.stalenessMillis = staleness.toMillis();
        this.segments = new Segment[SEGMENTS];
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment(maximumSize / SEGMENTS / 2);
        }
    }

    public boolean isSuppressed(AddressKey address) {
        long now = clock.millis();
        long fingerprint = fingerprint(address.value());
        Segment segment = segmentOf(fingerprint);
        int cached = segment.get(fingerprint, address.value(), now - stalenessMillis);
        if (cached != Segment.ABSENT) {
            return cached == Segment.SUPPRESSED;
        }
        boolean suppressed = repository.isSuppressed(address, clock.instant());
        segment.put(fingerprint, address.value(), suppressed, now);
        return suppressed;
    }

    /** The suppressed recipients of a mail: cached answers plus one repository call for all the others. */
    public Set<AddressKey> suppressedAmong(Collection<AddressKey> addresses) {
        long now = clock.millis();
        Set<AddressKey> suppressed = new HashSet<>();
        List<AddressKey> misses = new ArrayList<>();
        for (AddressKey address : addresses) {
            long fingerprint = fingerprint(address.value());
            int cached = segmentOf(fingerprint).get(fingerprint, address.value(), now - stalenessMillis);
            if (cached == Segment.ABSENT) {
                misses.add(address);
            } else if (cached == Segment.SUPPRESSED) {
                suppressed.add(address);
            }
        }
        if (!misses.isEmpty()) {
            Set<AddressKey> found = repository.suppressedAmong(misses, clock.instant());
            for (AddressKey address : misses) {
                boolean isSuppressed = found.contains(address);
                long fingerprint = fingerprint(address.value());
                segmentOf(fingerprint).put(fingerprint, address.value(), isSuppressed, now);
                if (isSuppressed) {
                    suppressed.add(address);
                }
            }
        }
        return suppressed;
    }

    /** Forgets an address, e.g. after this server changed it, so the next lookup asks the repository. */
    public void invalidate(AddressKey address) {
        long fingerprint = fingerprint(address.value());
        segmentOf(fingerprint).invalidate(fingerprint);
    }

    public void invalidateAll() {
        for (Segment segment : segments) {
            segment.clear();
        }
    }

    /** How many answers are held, an upper bound: a reloaded address may sit in both generations. */
    public long size() {
        long size = 0;
        for (Segment segment : segments) {
            size += segment.size();
        }
        return size;
    }

    private Segment segmentOf(long fingerprint) {
        return segments[(int) (fingerprint >>> 60) & (SEGMENTS - 1)];
    }

    /** FNV-1a over the characters, then MurmurHash3's finaliser; never 0, which marks an empty slot. */
    static long fingerprint(String value) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            h ^= value.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private static final class Segment {
        static final int ABSENT = 0;
        static final int SUPPRESSED = 1;
        static final int NOT_SUPPRESSED = 2;

        private final int generationCapacity;
        private Generation young;
        private Generation old;

        Segment(int generationCapacity) {
            this.generationCapacity = generationCapacity;
            // load factor at most 1/2: linear probes stay short
            int slots = Integer.highestOneBit(Math.max(2, generationCapacity) * 2 - 1) << 1;
            this.young = new Generation(slots);
            this.old = new Generation(slots);
        }

        synchronized int get(long fingerprint, String address, long freshAfterMillis) {
            int slot = young.find(fingerprint);
            Generation generation = young;
            if (slot < 0) {
                slot = old.find(fingerprint);
                generation = old;
                if (slot < 0) {
                    return ABSENT;
                }
            }
            long stamp = generation.table[2 * slot + 1];
            if (stamp == Generation.EXPIRED || (stamp >>> 1) < freshAfterMillis) {
                return ABSENT;
            }
            if ((stamp & 1) == 0) {
                return NOT_SUPPRESSED;
            }
            return address.equals(generation.suppressedAddresses[slot]) ? SUPPRESSED : ABSENT;
        }

        synchronized void put(long fingerprint, String address, boolean suppressed, long nowMillis) {
            if (young.size >= generationCapacity) {
                Generation recycled = old;
                recycled.clear();
                old = young;
                young = recycled;
            }
            young.put(fingerprint, suppressed ? address : null, (nowMillis << 1) | (suppressed ? 1 : 0));
        }

        synchronized void invalidate(long fingerprint) {
            young.expire(fingerprint);
            old.expire(fingerprint);
        }

        synchronized void clear() {
            young.clear();
            old.clear();
        }

        synchronized int size() {
            return young.size + old.size;
        }
    }

    /** Linear probing over {@code [fingerprint, stamp]} pairs; never deletes, so no tombstones. */
    private static final class Generation {
        static final long EXPIRED = 0;

        final long[] table;
        final String[] suppressedAddresses;
        final int mask;
        int size;

        Generation(int slots) {
            this.table = new long[2 * slots];
            this.suppressedAddresses = new String[slots];
            this.mask = slots - 1;
        }

        int find(long fingerprint) {
            for (int slot = (int) fingerprint & mask; ; slot = (slot + 1) & mask) {
                long candidate = table[2 * slot];
                if (candidate == fingerprint) {
                    return slot;
                }
                if (candidate == 0) {
                    return -1;
                }
            }
        }

        void put(long fingerprint, String suppressedAddress, long stamp) {
            int slot = (int) fingerprint & mask;
            while (table[2 * slot] != 0 && table[2 * slot] != fingerprint) {
                slot = (slot + 1) & mask;
            }
            if (table[2 * slot] == 0) {
                table[2 * slot] = fingerprint;
                size++;
            }
            table[2 * slot + 1] = stamp;
            suppressedAddresses[slot] = suppressedAddress;
        }

        void expire(long fingerprint) {
            int slot = find(fingerprint);
            if (slot >= 0) {
                table[2 * slot + 1] = EXPIRED;
                suppressedAddresses[slot] = null;
            }
        }

        void clear() {
            Arrays.fill(table, 0L);
            Arrays.fill(suppressedAddresses, null);
            size = 0;
        }
    }
}
