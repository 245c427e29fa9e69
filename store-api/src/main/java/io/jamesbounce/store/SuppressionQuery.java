package io.jamesbounce.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;

/**
 * A page of the suppression list, in address order. Pages are keyed by the last address seen
 * ({@code after}), not by an offset: deep pages of millions of entries stay cheap, and an entry
 * added meanwhile does not shift the next page.
 *
 * @param from inclusive lower bound of {@link Suppression#suppressedAt()}
 * @param to   exclusive upper bound of {@link Suppression#suppressedAt()}
 */
public record SuppressionQuery(Optional<String> domain, Optional<Category> category, Optional<EventSource> source,
                               Optional<Instant> from, Optional<Instant> to, Optional<AddressKey> after, int limit) {
    public static final int MAX_LIMIT = 10_000;

    public SuppressionQuery {
        Objects.requireNonNull(domain, "domain");
        domain = domain.map(AddressKey::normaliseDomain);
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
    }

    public static SuppressionQuery all(int limit) {
        return new SuppressionQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), limit);
    }

    public SuppressionQuery domain(String value) {
        return new SuppressionQuery(Optional.of(value), category, source, from, to, after, limit);
    }

    public SuppressionQuery category(Category value) {
        return new SuppressionQuery(domain, Optional.of(value), source, from, to, after, limit);
    }

    public SuppressionQuery source(EventSource value) {
        return new SuppressionQuery(domain, category, Optional.of(value), from, to, after, limit);
    }

    public SuppressionQuery between(Instant fromInclusive, Instant toExclusive) {
        return new SuppressionQuery(domain, category, source, Optional.of(fromInclusive), Optional.of(toExclusive), after, limit);
    }

    public SuppressionQuery after(AddressKey value) {
        return new SuppressionQuery(domain, category, source, from, to, Optional.of(value), limit);
    }

    /** Whether an entry matches the filters (not the page bounds): the memory backend's WHERE clause. */
    public boolean matches(Suppression s) {
        return domain.map(d -> s.address().domain().equals(d)).orElse(true)
            && category.map(c -> s.category() == c).orElse(true)
            && source.map(src -> s.source() == src).orElse(true)
            && from.map(f -> !s.suppressedAt().isBefore(f)).orElse(true)
            && to.map(t -> s.suppressedAt().isBefore(t)).orElse(true);
    }
}
