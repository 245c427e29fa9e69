package io.jamesbounce.core.rates;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket as a value: {@code perMinute} tokens a minute, at most {@code capacity} kept.
 * Taking a token returns the next bucket; pure and allocation-light.
 *
 * @param tokens  tokens available at {@code at}
 * @param at      when {@code tokens} was computed
 */
public record TokenBucket(int perMinute, int capacity, double tokens, Instant at) {
    private static final double NANOS_PER_MINUTE = 60e9;

    public TokenBucket {
        Objects.requireNonNull(at, "at");
        if (perMinute < 1 || capacity < 1) {
            throw new IllegalArgumentException("perMinute and capacity must be at least 1: " + perMinute + ", " + capacity);
        }
        if (tokens < 0 || tokens > capacity) {
            throw new IllegalArgumentException("tokens must be within 0.." + capacity + ": " + tokens);
        }
    }

    /** A full bucket. */
    public static TokenBucket full(int perMinute, int capacity, Instant at) {
        return new TokenBucket(perMinute, capacity, capacity, at);
    }

    /** The bucket as it is at {@code now}, refilled for the time elapsed (time going backwards refills nothing). */
    public TokenBucket refilledAt(Instant now) {
        if (!now.isAfter(at)) {
            return this;
        }
        double elapsed = Duration.between(at, now).toNanos();
        double refilled = Math.min(capacity, tokens + elapsed * perMinute / NANOS_PER_MINUTE);
        return new TokenBucket(perMinute, capacity, refilled, now);
    }

    /** Whether a token is there at {@code now}. */
    public boolean hasToken() {
        return tokens >= 1;
    }

    public TokenBucket take() {
        if (!hasToken()) {
            throw new IllegalStateException("no token to take");
        }
        return new TokenBucket(perMinute, capacity, tokens - 1, at);
    }

    /** When the next whole token will be there. */
    public Instant nextTokenAt() {
        if (hasToken()) {
            return at;
        }
        long nanos = (long) Math.ceil((1 - tokens) * NANOS_PER_MINUTE / perMinute);
        return at.plusNanos(nanos);
    }

    /** The same level with a new rate, for a domain whose throttle changed. */
    public TokenBucket withRate(int newPerMinute, int newCapacity) {
        return new TokenBucket(newPerMinute, newCapacity, Math.min(tokens, newCapacity), at);
    }
}
