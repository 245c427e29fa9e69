package io.jamesbounce.core.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A {@link SentMessageLog} in fixed memory: two Bloom filters, the current one taking new IDs, the
 * previous one still answering; every {@code generation} the previous is dropped and the current
 * becomes previous. A Message-ID is thus remembered for at least one generation and at most two.
 *
 * <p>Sizing: for {@code n} IDs per generation and a false-positive rate {@code p} per filter, each
 * filter has {@code m = -n ln p / (ln 2)^2} bits and {@code k = (m/n) ln 2} hash functions; a lookup
 * asks both filters, so the false-positive rate is about {@code 2p}. One million messages a day, a
 * one-day generation and {@code p = 0.001}: 14.4 bits per ID, 1.8 MB per filter, 3.6 MB in all,
 * k = 10, and one forged report in 500 about a message we never sent gets through this check
 * (it is one check among others: a VERP signature is stronger). Beyond {@code n} IDs in a
 * generation the rate grows: at 2n, about 5% per filter for the same sizing.
 *
 * <p>The bit positions come from SHA-256 over a random per-instance salt and the ID, so a forger
 * cannot craft Message-IDs that hit set bits on purpose. Thread-safe; rotation is driven by the
 * injected clock on every call.
 */
public final class RotatingBloomFilter implements SentMessageLog {
    private final int bits;
    private final int hashes;
    private final Duration generation;
    private final Clock clock;
    private final byte[] salt;
    private volatile Generations generations;

    private record Generations(AtomicLongArray current, AtomicLongArray previous, Instant currentSince) {
    }

    public RotatingBloomFilter(long expectedPerGeneration, double falsePositiveRate, Duration generation, Clock clock) {
        if (expectedPerGeneration <= 0 || !(falsePositiveRate > 0 && falsePositiveRate < 1)) {
            throw new IllegalArgumentException("expected IDs must be positive and the rate in (0, 1)");
        }
        this.generation = Objects.requireNonNull(generation, "generation");
        if (generation.isNegative() || generation.isZero()) {
            throw new IllegalArgumentException("generation must be positive: " + generation);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        long m = (long) Math.ceil(-expectedPerGeneration * Math.log(falsePositiveRate) / (Math.log(2) * Math.log(2)));
        if (m > Integer.MAX_VALUE - 63L) {
            throw new IllegalArgumentException("filter of " + m + " bits is too large");
        }
        this.bits = (int) Math.max(64, m);
        this.hashes = (int) Math.max(1, Math.round((double) bits / expectedPerGeneration * Math.log(2)));
        this.salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        this.generations = new Generations(newFilter(), newFilter(), clock.instant());
    }

    /** Bits per filter. */
    public int bits() {
        return bits;
    }

    public int hashes() {
        return hashes;
    }

    /** Bytes held by both filters. */
    public long memoryBytes() {
        return 2L * ((bits + 63) / 64) * 8;
    }

    @Override
    public void add(String messageId, String recipient) {
        Generations g = rotate();
        long[] h = hash(SentMessageLog.key(messageId, recipient));
        for (int i = 0; i < hashes; i++) {
            set(g.current(), index(h, i));
        }
    }

    @Override
    public boolean mightContain(String messageId, String recipient) {
        Generations g = rotate();
        long[] h = hash(SentMessageLog.key(messageId, recipient));
        return contains(g.current(), h) || contains(g.previous(), h);
    }

    private boolean contains(AtomicLongArray filter, long[] h) {
        for (int i = 0; i < hashes; i++) {
            int index = index(h, i);
            if ((filter.get(index >>> 6) & (1L << (index & 63))) == 0) {
                return false;
            }
        }
        return true;
    }

    private Generations rotate() {
        Generations g = generations;
        Instant now = clock.instant();
        if (now.isBefore(g.currentSince().plus(generation))) {
            return g;
        }
        synchronized (this) {
            g = generations;
            if (!now.isBefore(g.currentSince().plus(generation))) {
                long elapsed = Duration.between(g.currentSince(), now).toNanos() / generation.toNanos();
                // generations start at fixed boundaries; after a silence of two or more, nothing recent is left
                g = new Generations(newFilter(), elapsed >= 2 ? newFilter() : g.current(),
                    g.currentSince().plus(generation.multipliedBy(elapsed)));
                generations = g;
            }
            return g;
        }
    }

    private AtomicLongArray newFilter() {
        return new AtomicLongArray((bits + 63) / 64);
    }

    private static void set(AtomicLongArray filter, int index) {
        int word = index >>> 6;
        long mask = 1L << (index & 63);
        long old;
        do {
            old = filter.get(word);
        } while ((old & mask) == 0 && !filter.compareAndSet(word, old, old | mask));
    }

    /** Kirsch and Mitzenmacher: k positions from two 64-bit hashes, h1 + i * h2. */
    private int index(long[] h, int i) {
        return (int) Math.floorMod(h[0] + i * h[1], (long) bits);
    }

    private long[] hash(String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            byte[] d = sha.digest(key.getBytes(StandardCharsets.UTF_8));
            long h1 = 0;
            long h2 = 0;
            for (int i = 0; i < 8; i++) {
                h1 = (h1 << 8) | (d[i] & 0xff);
                h2 = (h2 << 8) | (d[8 + i] & 0xff);
            }
            return new long[] {h1, h2 | 1};
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
