package io.jamesbounce.store.jdbc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * A blocked Bloom filter of addresses: "certainly not added" or "perhaps added". Each address owns
 * one 512-bit block (one cache line) and sets seven bits in it, so a question costs one memory
 * read where a classic Bloom filter costs seven. At ten bits an address the false-positive rate is
 * about 1 % ({@code AddressFilterTest} measures it); past the capacity it grows, and the owner builds
 * a larger filter.
 *
 * <p>The hash is a fast one, not a keyed digest: an address crafted to collide only makes the answer
 * "perhaps", which the database then settles. Thread-safe: bits are set atomically and read with
 * volatile semantics, so an address added by one thread is seen by any thread that asks afterwards.
 */
final class AddressFilter {
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    static final int BITS_PER_ADDRESS = 10;
    private static final int WORDS_PER_BLOCK = 8;
    private static final int BITS_SET = 7;
    private static final int BLOCK_BITS_MASK = 511;
    private static final int POSITION_BITS = 9;

    private final long[] words;
    private final long blocks;
    private final long capacity;
    private final LongAdder added = new LongAdder();

    /** A filter sized for {@code capacity} addresses at about 1 % false positives. */
    AddressFilter(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        long blockCount = Math.max(1, (capacity * BITS_PER_ADDRESS + BLOCK_BITS_MASK) / (BLOCK_BITS_MASK + 1));
        if (blockCount * WORDS_PER_BLOCK > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a filter for " + capacity + " addresses is too large");
        }
        this.blocks = blockCount;
        this.words = new long[(int) (blockCount * WORDS_PER_BLOCK)];
        this.capacity = capacity;
    }

    /** @param address an address key's value, as stored */
    void add(String address) {
        long hash = hash(address);
        int base = block(hash);
        long positions = positions(hash);
        boolean changed = false;
        for (int i = 0; i < BITS_SET; i++) {
            int bit = (int) (positions >>> (i * POSITION_BITS)) & BLOCK_BITS_MASK;
            long mask = 1L << bit;
            changed |= ((long) WORDS.getAndBitwiseOr(words, base + (bit >>> 6), mask) & mask) == 0;
        }
        if (changed) {
            added.increment();
        }
    }

    boolean mightContain(String address) {
        long hash = hash(address);
        int base = block(hash);
        long positions = positions(hash);
        for (int i = 0; i < BITS_SET; i++) {
            int bit = (int) (positions >>> (i * POSITION_BITS)) & BLOCK_BITS_MASK;
            if (((long) WORDS.getVolatile(words, base + (bit >>> 6)) & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many additions set a bit: an address added again counts once, and so may (rarely) a new
     * address whose bits were all set already. What the filter is sized against.
     */
    long additions() {
        return added.sum();
    }

    long capacity() {
        return capacity;
    }

    long memoryBytes() {
        return (long) words.length * Long.BYTES;
    }

    private int block(long hash) {
        return (int) Math.unsignedMultiplyHigh(hash, blocks) * WORDS_PER_BLOCK;
    }

    /** Seven 9-bit positions, from a second mix of the hash (the block took its high bits). */
    private static long positions(long hash) {
        return mix(hash ^ 0x9E3779B97F4A7C15L);
    }

    /** FNV-1a over the characters, then a 64-bit finaliser (MurmurHash3's) so every bit depends on every character. */
    private static long hash(String address) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < address.length(); i++) {
            h = (h ^ address.charAt(i)) * 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
