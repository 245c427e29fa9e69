package io.jamesbounce.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.rates.BlockSighting;
import io.jamesbounce.core.rates.RateBatch;
import io.jamesbounce.core.rates.RateIncrement;
import io.jamesbounce.core.rates.StatusSpread;
import io.jamesbounce.core.rates.WindowCounts;

/** The counters in memory, for tests and single-server trials. Every method holds the same monitor. */
public final class MemoryDomainStatsRepository implements DomainStatsRepository {
    private record Key(String domain, Instant bucket) {
    }

    private final Map<Key, RateIncrement> buckets = new HashMap<>();
    private final Set<BlockSighting> sightings = new HashSet<>();

    @Override
    public synchronized void add(RateBatch batch) {
        for (RateIncrement i : batch.increments()) {
            buckets.merge(new Key(i.domain(), i.bucket()), i, RateIncrement::plus);
        }
        sightings.addAll(batch.sightings());
    }

    @Override
    public synchronized List<WindowCounts> counts(Instant from, Instant to) {
        Map<String, WindowCounts> byDomain = new TreeMap<>();
        buckets.forEach((key, i) -> {
            if (within(key.bucket(), from, to)) {
                byDomain.merge(key.domain(), new WindowCounts(key.domain(), i.attempts(), i.bounces()), WindowCounts::plus);
            }
        });
        return List.copyOf(byDomain.values());
    }

    @Override
    public synchronized List<StatusSpread> spreads(Instant from, Instant to) {
        Map<String, Map<EnhancedStatus, Set<AddressKey>>> seen = new TreeMap<>();
        for (BlockSighting s : sightings) {
            if (within(s.bucket(), from, to)) {
                seen.computeIfAbsent(s.domain(), d -> new TreeMap<>(Comparator.comparing(EnhancedStatus::toString)))
                    .computeIfAbsent(s.status(), x -> new HashSet<>()).add(s.recipient());
            }
        }
        List<StatusSpread> out = new ArrayList<>();
        seen.forEach((domain, byStatus) -> byStatus.forEach((status, recipients) ->
            out.add(new StatusSpread(domain, status, recipients.size()))));
        return out;
    }

    @Override
    public synchronized long purgeBefore(Instant before) {
        long n = 0;
        n += removeIf(buckets.keySet(), k -> k.bucket().isBefore(before));
        n += removeIf(sightings, s -> s.bucket().isBefore(before));
        return n;
    }

    private static <T> long removeIf(Set<T> set, Predicate<T> predicate) {
        long before = set.size();
        set.removeIf(predicate);
        return before - set.size();
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
