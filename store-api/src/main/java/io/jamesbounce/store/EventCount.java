package io.jamesbounce.store;

import java.util.Objects;

import io.jamesbounce.core.model.Category;

/** How many events a recipient domain had in one category within a time window. */
public record EventCount(String domain, Category category, long count) {
    public EventCount {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(category, "category");
    }
}
