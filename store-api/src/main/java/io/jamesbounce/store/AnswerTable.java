package io.jamesbounce.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.SplittableRandom;

import io.jamesbounce.core.policy.AddressKey;

/**
 * The cached answers of {@link CachingSuppressionLookup}: a fixed table of fingerprints, so that a
 * cached lookup is one hash of the address and one probe, and no object is kept per address.
 *
 * <p>Why not a map of keys: a cache holding keys (Caffeine, measured here) follows several pointers
 * per lookup and keeps its access order and frequency sketch in step on every read; with a million
 * answers cached, that was about a microsecond a lookup and 195 bytes an answer. Here an answer is two
 * longs in an array (16 bytes) in one of two buckets of eight slots, the one with more room: a table
 * far from full practically never loses an answer to a full bucket (with one bucket, a table half
 * full loses about 0.8 %, and a lost answer costs a database round trip). A lookup starts at the
 * address's home slot in the bucket, so it usually reads one cache line.
 *
 * <p>An address is represented by a 128-bit hash, seeded at random per table so that nobody can
 * choose addresses that collide: one half picks the first bucket, the home slot and 11 check bits,
 * the other picks the second bucket and is stored whole. Two different addresses are taken for one
 * another only when 75 bits and a bucket agree.
 *
 * <p>Slot layout: {@code fingerprint}, then {@code meta} = present (bit 62) | suppressed (61) |
 * uses (59-60, saturating at 3) | order (51-58: the bucket's write counter, to tell apart answers
 * written in the same millisecond) | check (40-50) | written (0-39: milliseconds since the table's
 * origin, 34 years). {@code meta == 0} is an empty slot.
 *
 * <p>Concurrency: readers take no lock. A writer (under the locks of both buckets' stripes) empties
 * the slot's meta, then writes the fingerprint, then publishes the new meta; a reader accepts a slot
 * only when it read the same meta before and after its fingerprint, so it never pairs one address's
 * fingerprint with another's answer.
 *
 * <p>Eviction: when both buckets are full, an expired slot goes first, then the one used least (a
 * 2-bit count of hits), then the oldest (by time, then by the bucket's write order). Addresses looked
 * up again and again therefore survive a burst of one-off recipients; every answer still leaves at
 * its staleness bound, so a count never pins one for good.
 */
final class AnswerTable {
    /** {@link #find}: no fresh answer for the address. */
    static final int ABSENT = -1;
    private static final int ELSEWHERE = -2;

    private static final int WAYS = 8;
    private static final int BUCKET = 2 * WAYS;
    private static final int STRIPES = 64;
    private static final long PRESENT = 1L << 62;
    private static final long SUPPRESSED = 1L << 61;
    private static final int USES_SHIFT = 59;
    private static final long USE = 1L << USES_SHIFT;
    private static final long USES = 3L << USES_SHIFT;
    private static final int ORDER_SHIFT = 51;
    private static final long ORDER = 0xFFL << ORDER_SHIFT;
    private static final int CHECK_SHIFT = 40;
    private static final long CHECK = ((1L << 11) - 1) << CHECK_SHIFT;
    private static final long WRITTEN = (1L << CHECK_SHIFT) - 1;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] slots;
    private final int buckets;
    private final long origin;
    private final long seedFirst;
    private final long seedSecond;
    private final Object[] stripes = new Object[STRIPES];
    /** Per bucket, the order of its last write (wrapping); read and written under the bucket's stripe lock. */
    private final byte[] writes;

    /**
     * @param capacity how many answers at most (rounded up to a multiple of eight)
     * @param origin   the clock's milliseconds at creation: write times are kept relative to it
     */
    AnswerTable(int capacity, long origin, SplittableRandom seeds) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.buckets = (int) Math.min(Integer.MAX_VALUE / BUCKET, (capacity + WAYS - 1L) / WAYS);
        this.slots = new long[buckets * BUCKET];
        this.writes = new byte[buckets];
        this.origin = origin;
        this.seedFirst = seeds.nextLong();
        this.seedSecond = seeds.nextLong();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    int capacity() {
        return buckets * WAYS;
    }

    /** 1 suppressed, 0 not, or {@link #ABSENT} when no answer no older than {@code maxAgeMillis} is held. */
    int find(String address, long nowMillis, long maxAgeMillis) {
        Probe probe = probe(address);
        // primitives from here: the probe must not escape, or every lookup allocates it
        int home = probe.home;
        long check = probe.check;
        long fingerprint = probe.fingerprint;
        return findInEither(probe.first, probe.second, home, check, fingerprint, nowMillis, maxAgeMillis);
    }

    /**
     * {@link #find} for several addresses at once, into {@code answers}. Why not one after the other:
     * a table much larger than the processor's caches makes each probe a memory read (150-180 ns
     * here, measured), and a lookup waits for its own before the next one is hashed. Here every
     * address is hashed first; the probes that follow are a few instructions each, so the
     * processor issues their reads side by side: a mail pays about one memory wait, not one per
     * recipient.
     */
    void findAll(AddressKey[] addresses, long nowMillis, long maxAgeMillis, int[] answers) {
        int count = addresses.length;
        // per address: both bucket starts, the home slot and check bits, the fingerprint
        long[] probes = new long[3 * count];
        for (int i = 0; i < count; i++) {
            Probe probe = probe(addresses[i].value());
            probes[3 * i] = (long) probe.first << 32 | probe.second;
            probes[3 * i + 1] = probe.check | probe.home;
            probes[3 * i + 2] = probe.fingerprint;
        }
        for (int i = 0; i < count; i++) {
            int first = (int) (probes[3 * i] >>> 32);
            int second = (int) probes[3 * i];
            int home = (int) (probes[3 * i + 1] & (BUCKET - 1));
            long check = probes[3 * i + 1] & CHECK;
            long fingerprint = probes[3 * i + 2];
            answers[i] = findInEither(first, second, home, check, fingerprint, nowMillis, maxAgeMillis);
        }
    }

    /** The address's answer in its first bucket, else in its second, else {@link #ABSENT}. */
    private int findInEither(int first, int second, int home, long check, long fingerprint, long nowMillis, long maxAgeMillis) {
        int found = find(first, home, check, fingerprint, nowMillis, maxAgeMillis);
        if (found == ELSEWHERE && second != first) {
            found = find(second, home, check, fingerprint, nowMillis, maxAgeMillis);
        }
        return found == ELSEWHERE ? ABSENT : found;
    }

    private int find(int first, int home, long check, long fingerprint, long nowMillis, long maxAgeMillis) {
        for (int k = 0; k < BUCKET; k += 2) {
            int slot = first + ((home + k) & (BUCKET - 1));
            long meta = (long) SLOTS.getAcquire(slots, slot + 1);
            if ((meta & CHECK) != check || meta == 0) {
                continue;
            }
            if ((long) SLOTS.getOpaque(slots, slot) != fingerprint) {
                continue;
            }
            VarHandle.loadLoadFence();
            if ((long) SLOTS.getOpaque(slots, slot + 1) != meta) {
                // a writer is replacing this slot: the answer being written is as good as a miss
                return ABSENT;
            }
            if (isExpired(meta, nowMillis, maxAgeMillis)) {
                return ABSENT;
            }
            if ((meta & USES) != USES) {
                // a count lost to a concurrent change only makes eviction a little less informed
                SLOTS.compareAndSet(slots, slot + 1, meta, meta + USE);
            }
            return (meta & SUPPRESSED) != 0 ? 1 : 0;
        }
        return ELSEWHERE;
    }

    void put(String address, boolean suppressed, long nowMillis, long maxAgeMillis) {
        Probe probe = probe(address);
        long written = Math.max(0, Math.min(WRITTEN, nowMillis - origin));
        int firstStripe = stripe(probe.first);
        int secondStripe = stripe(probe.second);
        // both stripes, the lower first, so two writers never wait for each other in a circle
        synchronized (stripes[Math.min(firstStripe, secondStripe)]) {
            synchronized (stripes[Math.max(firstStripe, secondStripe)]) {
                int target = holding(probe.first, probe);
                if (target < 0) {
                    target = holding(probe.second, probe);
                }
                long uses = target < 0 ? 0 : (long) SLOTS.getVolatile(slots, target + 1) & USES;
                if (target < 0) {
                    target = roomFor(probe, nowMillis, maxAgeMillis);
                }
                int bucket = target / BUCKET;
                long order = (long) (++writes[bucket] & 0xFF) << ORDER_SHIFT;
                SLOTS.setVolatile(slots, target + 1, 0L);
                VarHandle.storeStoreFence();
                SLOTS.setOpaque(slots, target, probe.fingerprint);
                SLOTS.setRelease(slots, target + 1, PRESENT | (suppressed ? SUPPRESSED : 0) | uses | order | probe.check | written);
            }
        }
    }

    /**
     * The slot a new answer takes: in the first bucket (where a lookup looks first) unless the second
     * has at least two more free slots, else the better victim of the two; in a bucket, the free slot
     * nearest the address's home slot (where a lookup starts).
     */
    private int roomFor(Probe probe, long nowMillis, long maxAgeMillis) {
        int free = freeSlots(probe.first, nowMillis, maxAgeMillis) - freeSlots(probe.second, nowMillis, maxAgeMillis);
        int first = victim(probe.first, probe.home, nowMillis, maxAgeMillis);
        int second = victim(probe.second, probe.home, nowMillis, maxAgeMillis);
        if (free != 0) {
            return free > -2 ? first : second;
        }
        return evictsBefore(second, first, nowMillis, maxAgeMillis) ? second : first;
    }

    private int freeSlots(int first, long nowMillis, long maxAgeMillis) {
        int free = 0;
        for (int slot = first; slot < first + BUCKET; slot += 2) {
            if (isFree((long) SLOTS.getVolatile(slots, slot + 1), nowMillis, maxAgeMillis)) {
                free++;
            }
        }
        return free;
    }

    private int victim(int first, int home, long nowMillis, long maxAgeMillis) {
        int victim = first + home;
        for (int k = 2; k < BUCKET; k += 2) {
            int slot = first + ((home + k) & (BUCKET - 1));
            if (evictsBefore(slot, victim, nowMillis, maxAgeMillis)) {
                victim = slot;
            }
        }
        return victim;
    }

    /** Whether the answer in {@code slot} should go before the one in {@code other}. */
    private boolean evictsBefore(int slot, int other, long nowMillis, long maxAgeMillis) {
        long meta = (long) SLOTS.getVolatile(slots, slot + 1);
        long otherMeta = (long) SLOTS.getVolatile(slots, other + 1);
        boolean free = isFree(meta, nowMillis, maxAgeMillis);
        boolean otherFree = isFree(otherMeta, nowMillis, maxAgeMillis);
        if (free || otherFree) {
            return free && !otherFree;
        }
        if ((meta & USES) != (otherMeta & USES)) {
            return (meta & USES) < (otherMeta & USES);
        }
        if ((meta & WRITTEN) != (otherMeta & WRITTEN)) {
            return (meta & WRITTEN) < (otherMeta & WRITTEN);
        }
        return writesSince(slot, meta) > writesSince(other, otherMeta);
    }

    /** How many writes its bucket has had since {@code meta} was written there, modulo 256. */
    private int writesSince(int slot, long meta) {
        return (writes[slot / BUCKET] - (int) ((meta & ORDER) >>> ORDER_SHIFT)) & 0xFF;
    }

    private int holding(int first, Probe probe) {
        for (int slot = first; slot < first + BUCKET; slot += 2) {
            long meta = (long) SLOTS.getVolatile(slots, slot + 1);
            if (meta != 0 && (meta & CHECK) == probe.check && (long) SLOTS.getVolatile(slots, slot) == probe.fingerprint) {
                return slot;
            }
        }
        return -1;
    }

    void remove(String address) {
        Probe probe = probe(address);
        int firstStripe = stripe(probe.first);
        int secondStripe = stripe(probe.second);
        synchronized (stripes[Math.min(firstStripe, secondStripe)]) {
            synchronized (stripes[Math.max(firstStripe, secondStripe)]) {
                for (int first : new int[] {probe.first, probe.second}) {
                    int slot = holding(first, probe);
                    if (slot >= 0) {
                        SLOTS.setVolatile(slots, slot + 1, 0L);
                    }
                }
            }
        }
    }

    void clear() {
        for (int stripe = 0; stripe < STRIPES; stripe++) {
            synchronized (stripes[stripe]) {
                for (int bucket = stripe; bucket < buckets; bucket += STRIPES) {
                    for (int slot = bucket * BUCKET; slot < (bucket + 1) * BUCKET; slot += 2) {
                        SLOTS.setVolatile(slots, slot + 1, 0L);
                    }
                }
            }
        }
    }

    /** How many answers no older than {@code maxAgeMillis} are held: a pass over the whole table. */
    long size(long nowMillis, long maxAgeMillis) {
        long size = 0;
        for (int slot = 1; slot < slots.length; slot += 2) {
            if (!isFree((long) SLOTS.getOpaque(slots, slot), nowMillis, maxAgeMillis)) {
                size++;
            }
        }
        return size;
    }

    private boolean isFree(long meta, long nowMillis, long maxAgeMillis) {
        return meta == 0 || isExpired(meta, nowMillis, maxAgeMillis);
    }

    private boolean isExpired(long meta, long nowMillis, long maxAgeMillis) {
        return nowMillis - origin - (meta & WRITTEN) > maxAgeMillis;
    }

    private static int stripe(int first) {
        return (first / BUCKET) & (STRIPES - 1);
    }

    /**
     * Where an address lives: the first slots of its two buckets, the offset in a bucket where a lookup
     * starts (so that it usually reads one cache line), its check bits, its fingerprint.
     */
    private record Probe(int first, int second, int home, long check, long fingerprint) {
    }

    /**
     * A seeded 128-bit hash of the characters in one pass: two multiply-xor chains take alternate
     * blocks of four characters (64 bits), so the processor runs them side by side, and each of the
     * two results mixes both chains before a full avalanche. The length is hashed in, so a trailing
     * NUL is no padding.
     */
    private Probe probe(String address) {
        int length = address.length();
        long a = seedFirst ^ length;
        long b = seedSecond;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            a = round(a, block(address, i), 0x9E3779B97F4A7C15L);
            b = round(b, block(address, i + 4), 0xD6E8FEB86659FD93L);
        }
        if (i + 4 <= length) {
            a = round(a, block(address, i), 0x9E3779B97F4A7C15L);
            i += 4;
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 16) {
            tail |= (long) address.charAt(i) << shift;
        }
        b = round(b, tail, 0xD6E8FEB86659FD93L);
        long x = avalanche(a ^ Long.rotateLeft(b, 32));
        long y = avalanche(b + a * 0xC2B2AE3D27D4EB4FL);
        return new Probe(bucketStart(x), bucketStart(y), (int) (x >>> 11) & (BUCKET - 2), (x << CHECK_SHIFT) & CHECK, y);
    }

    private static long block(String s, int i) {
        return s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32 | (long) s.charAt(i + 3) << 48;
    }

    /** The high 32 bits scaled to [0, buckets): no power-of-two table, so the capacity is the one asked for. */
    private int bucketStart(long hash) {
        return (int) (((hash >>> 32) * buckets) >>> 32) * BUCKET;
    }

    private static long round(long h, long block, long multiplier) {
        long x = (h ^ block) * multiplier;
        return x ^ (x >>> 29);
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }
}
