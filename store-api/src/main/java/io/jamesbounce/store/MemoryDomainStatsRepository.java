package io.jamesbounce.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.rates.BlockSighting;
import io.jamesbounce.core.rates.DomainState;
import io.jamesbounce.core.rates.RateBatch;
import io.jamesbounce.core.rates.RateIncrement;
import io.jamesbounce.core.rates.StatusSpread;
import io.jamesbounce.core.rates.WindowCounts;

/** The counters in memory, for tests and single-server trials. Every method holds the same monitor. */
public final class MemoryDomainStatsRepository implements DomainStatsRepository {
    private record Key(String domain, Instant bucket) {
    }

    private final Map<Key, RateIncrement> buckets = new HashMap<>();
    /** One sighting per domain, bucket, status and recipient: the first reporter kept, as the database keeps it. */
    private final Map<List<Object>, BlockSighting> sightings = new HashMap<>();
    private final Map<String, Instant> nextFreeSlot = new HashMap<>();
    private record StateSince(DomainState state, Instant since) {
    }
    private final Map<String, StateSince> states = new HashMap<>();

    @Override
    public synchronized void add(RateBatch batch) {
        for (RateIncrement i : batch.increments()) {
            buckets.merge(new Key(i.domain(), i.bucket()), i, RateIncrement::plus);
        }
        for (BlockSighting s : batch.sightings()) {
            sightings.putIfAbsent(List.of(s.domain(), s.bucket(), s.status(), s.recipient()), s);
        }
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
        Map<String, Map<EnhancedStatus, List<BlockSighting>>> seen = new TreeMap<>();
        for (BlockSighting s : sightings.values()) {
            if (within(s.bucket(), from, to)) {
                seen.computeIfAbsent(s.domain(), d -> new TreeMap<>(Comparator.comparing(EnhancedStatus::toString)))
                    .computeIfAbsent(s.status(), x -> new ArrayList<>()).add(s);
            }
        }
        List<StatusSpread> out = new ArrayList<>();
        seen.forEach((domain, byStatus) -> byStatus.forEach((status, list) -> out.add(new StatusSpread(domain, status,
            list.stream().map(BlockSighting::recipient).distinct().count(),
            list.stream().map(BlockSighting::reporter).filter(r -> !r.isEmpty()).distinct().count()))));
        return out;
    }

    @Override
    public synchronized Instant reserveSlot(String domain, Instant earliest, Duration interval) {
        Instant next = nextFreeSlot.get(domain);
        Instant slot = next == null || next.isBefore(earliest) ? earliest : next;
        nextFreeSlot.put(domain, slot.plus(interval));
        return slot;
    }

    @Override
    public synchronized void forgetSlots(String domain) {
        nextFreeSlot.remove(domain);
    }

    @Override
    public synchronized boolean claimStateChange(String domain, DomainState from, DomainState to, Instant at) {
        DomainState current = states.getOrDefault(domain, new StateSince(DomainState.NORMAL, at)).state();
        if (!DomainStatsRepository.isNews(current, from, to)) {
            return false;
        }
        states.put(domain, new StateSince(to, at));
        return true;
    }

    @Override
    public synchronized long purgeBefore(Instant before) {
        long n = 0;
        n += removeIf(buckets.keySet(), k -> k.bucket().isBefore(before));
        n += removeIf(sightings.values(), s -> s.bucket().isBefore(before));
        n += removeIf(nextFreeSlot.values(), next -> next.isBefore(before));
        n += removeIf(states.values(), s -> s.state() == DomainState.NORMAL && s.since().isBefore(before));
        return n;
    }

    private static <T> long removeIf(Collection<T> set, Predicate<T> predicate) {
        long before = set.size();
        set.removeIf(predicate);
        return before - set.size();
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
