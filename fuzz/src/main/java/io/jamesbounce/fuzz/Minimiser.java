package io.jamesbounce.fuzz;

import java.util.function.Predicate;

/**
 * Shrinks an input while a fault still reproduces, in the manner of delta debugging: remove chunks
 * of half the input, then a quarter, down to single bytes, keeping every removal after which the
 * predicate still holds. Bounded by a number of tries and a time, so that a slow fault cannot stall a campaign.
 */
public final class Minimiser {
    private final int maxTries;
    private final long maxNanos;

    /** At most {@code maxTries} candidates and {@code maxMillis} of work, whichever ends first. */
    public Minimiser(int maxTries, long maxMillis) {
        this.maxTries = maxTries;
        this.maxNanos = maxMillis * 1_000_000L;
    }

    public byte[] minimise(byte[] input, Predicate<byte[]> stillFails) {
        byte[] current = input;
        int tries = 0;
        long deadline = System.nanoTime() + maxNanos;
        for (int chunk = Math.max(1, current.length / 2); chunk >= 1 && tries < maxTries; chunk /= 2) {
            boolean removed = true;
            while (removed && tries < maxTries) {
                removed = false;
                for (int from = 0; from < current.length && tries < maxTries; ) {
                    int to = Math.min(current.length, from + chunk);
                    byte[] candidate = Mutation.concat(Mutation.slice(current, 0, from), Mutation.slice(current, to, current.length));
                    tries++;
                    if (System.nanoTime() > deadline) {
                        return current;
                    }
                    if (stillFails.test(candidate)) {
                        current = candidate;
                        removed = true;
                    } else {
                        from += chunk;
                    }
                }
            }
        }
        return current;
    }
}
