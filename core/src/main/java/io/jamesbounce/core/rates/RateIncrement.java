package io.jamesbounce.core.rates;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.jamesbounce.core.model.Category;

/**
 * What one server adds to one domain's bucket: the store adds these numbers to what is there.
 *
 * @param bucket the bucket's start
 */
public record RateIncrement(String domain, Instant bucket, long attempts, Map<Category, Long> bounces) {
    public RateIncrement {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(bounces, "bounces");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        EnumMap<Category, Long> copy = new EnumMap<>(Category.class);
        bounces.forEach((c, n) -> {
            if (n < 0) {
                throw new IllegalArgumentException("bounces must not be negative: " + c.label() + "=" + n);
            }
            if (n > 0) {
                copy.put(c, n);
            }
        });
        bounces = Map.copyOf(copy);
    }

    public boolean isEmpty() {
        return attempts == 0 && bounces.isEmpty();
    }

    public RateIncrement plus(RateIncrement other) {
        if (!domain.equals(other.domain) || !bucket.equals(other.bucket)) {
            throw new IllegalArgumentException("not the same bucket: " + domain + "@" + bucket + " and " + other.domain + "@"
                + other.bucket);
        }
        Map<Category, Long> sum = new EnumMap<>(Category.class);
        sum.putAll(bounces);
        other.bounces.forEach((c, n) -> sum.merge(c, n, Long::sum));
        return new RateIncrement(domain, bucket, attempts + other.attempts, sum);
    }
}
