package io.jamesbounce.webadmin;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list read whole (the allowlist, the domains' figures), in key order: up to
 * {@code limit} items after the key {@code after}; {@code next} is the {@code after} of the next page.
 */
record KeyPage<T>(List<T> items, Optional<String> next) {
    static <T> KeyPage<T> of(List<T> all, Function<T, String> key, Optional<String> after, int limit) {
        List<T> page = all.stream()
            .sorted(Comparator.comparing(key))
            .filter(item -> after.isEmpty() || key.apply(item).compareTo(after.get()) > 0)
            .limit(limit + 1L).toList();
        boolean more = page.size() > limit;
        List<T> shown = more ? page.subList(0, limit) : page;
        return new KeyPage<>(shown, more ? Optional.of(key.apply(shown.getLast())) : Optional.empty());
    }
}
