package io.jamesbounce.core.rates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one flush adds to the store. Increments are sorted by domain then bucket, one per bucket:
 * every server writes rows in the same order, so concurrent flushes cannot deadlock.
 */
public record RateBatch(List<RateIncrement> increments, List<BlockSighting> sightings) {
    private static final Comparator<RateIncrement> ORDER = Comparator.comparing(RateIncrement::domain)
        .thenComparing(RateIncrement::bucket);

    public RateBatch {
        Map<String, RateIncrement> merged = new LinkedHashMap<>();
        for (RateIncrement i : increments) {
            if (!i.isEmpty()) {
                merged.merge(i.domain() + "\u0000" + i.bucket(), i, RateIncrement::plus);
            }
        }
        increments = merged.values().stream().sorted(ORDER).toList();
        Set<BlockSighting> distinct = new LinkedHashSet<>(Objects.requireNonNull(sightings, "sightings"));
        sightings = List.copyOf(distinct);
    }

    public static RateBatch empty() {
        return new RateBatch(List.of(), List.of());
    }

    public boolean isEmpty() {
        return increments.isEmpty() && sightings.isEmpty();
    }

    /** Both batches together: how a flush that failed is retried with the next one. */
    public RateBatch plus(RateBatch other) {
        List<RateIncrement> i = new ArrayList<>(increments);
        i.addAll(other.increments);
        List<BlockSighting> s = new ArrayList<>(sightings);
        s.addAll(other.sightings);
        return new RateBatch(i, s);
    }

    public long attempts() {
        return increments.stream().mapToLong(RateIncrement::attempts).sum();
    }
}
