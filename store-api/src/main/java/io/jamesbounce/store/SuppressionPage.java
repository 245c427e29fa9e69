package io.jamesbounce.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.policy.AddressKey;

/** @param next the {@code after} of the next page; empty on the last page */
public record SuppressionPage(List<Suppression> items, Optional<AddressKey> next) {
    public SuppressionPage {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }

    /** Builds a page from up to {@code limit + 1} rows: the extra row only says there is more. */
    public static SuppressionPage of(List<Suppression> rows, int limit) {
        if (rows.size() > limit) {
            List<Suppression> page = rows.subList(0, limit);
            return new SuppressionPage(page, Optional.of(page.get(limit - 1).address()));
        }
        return new SuppressionPage(rows, Optional.empty());
    }
}
