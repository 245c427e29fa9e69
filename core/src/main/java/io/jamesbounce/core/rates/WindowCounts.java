package io.jamesbounce.core.rates;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.jamesbounce.core.model.Category;

/**
 * What one recipient domain saw within one window: outbound attempts, and bounces per category.
 * Rates are derived from it, never stored.
 *
 * @param bounces counts per category; categories with no bounce may be absent, none is negative
 */
public record WindowCounts(String domain, long attempts, Map<Category, Long> bounces) {
    public WindowCounts {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(bounces, "bounces");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        EnumMap<Category, Long> copy = new EnumMap<>(Category.class);
        bounces.forEach((category, n) -> {
            if (n < 0) {
                throw new IllegalArgumentException("bounces of " + category.label() + " must not be negative: " + n);
            }
            if (n > 0) {
                copy.put(category, n);
            }
        });
        bounces = Map.copyOf(copy);
    }

    public static WindowCounts empty(String domain) {
        return new WindowCounts(domain, 0, Map.of());
    }

    public long bounces(Category category) {
        return bounces.getOrDefault(category, 0L);
    }

    public long bounces(BounceKind kind) {
        long n = 0;
        for (Map.Entry<Category, Long> e : bounces.entrySet()) {
            if (BounceKind.of(e.getKey()).filter(kind::equals).isPresent()) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** Bounces of that kind per attempt; 0 when there was no attempt. */
    public double rate(BounceKind kind) {
        return attempts == 0 ? 0.0 : (double) bounces(kind) / attempts;
    }

    public WindowCounts plus(WindowCounts other) {
        requireSameDomain(other);
        Map<Category, Long> sum = new EnumMap<>(Category.class);
        sum.putAll(bounces);
        other.bounces.forEach((c, n) -> sum.merge(c, n, Long::sum));
        return new WindowCounts(domain, attempts + other.attempts, sum);
    }

    /**
     * What is left of this window once a window it contains is taken out: the 24-hour baseline
     * without the last 15 minutes it is compared with. Floors at zero, since the two windows are
     * read at slightly different moments.
     */
    public WindowCounts minus(WindowCounts contained) {
        requireSameDomain(contained);
        Map<Category, Long> rest = new EnumMap<>(Category.class);
        bounces.forEach((c, n) -> rest.put(c, Math.max(0, n - contained.bounces(c))));
        return new WindowCounts(domain, Math.max(0, attempts - contained.attempts), rest);
    }

    private void requireSameDomain(WindowCounts other) {
        if (!domain.equals(other.domain)) {
            throw new IllegalArgumentException("counts of " + other.domain + " cannot be combined with " + domain);
        }
    }
}
