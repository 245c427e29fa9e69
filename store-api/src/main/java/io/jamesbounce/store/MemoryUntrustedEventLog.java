package io.jamesbounce.store;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.trust.Trust;

/** The untrusted-event log in memory, bounded: past {@code capacity} events the oldest go first. */
public final class MemoryUntrustedEventLog implements UntrustedEventLog {
    private final int capacity;
    private final LinkedHashMap<String, UntrustedEvent> events = new LinkedHashMap<>();

    public MemoryUntrustedEventLog(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public MemoryUntrustedEventLog() {
        this(100_000);
    }

    @Override
    public synchronized boolean record(UntrustedEvent event) {
        if (events.putIfAbsent(event.event().idempotencyKey(), event) != null) {
            return false;
        }
        if (events.size() > capacity) {
            events.remove(events.keySet().iterator().next());
        }
        return true;
    }

    @Override
    public synchronized List<UntrustedEvent> events(AddressKey address) {
        return events.values().stream().filter(e -> e.event().recipient().equals(address)).toList();
    }

    @Override
    public synchronized Map<Trust.Reason, Long> countByReason(Instant from, Instant to) {
        Map<Trust.Reason, Long> counts = new EnumMap<>(Trust.Reason.class);
        for (UntrustedEvent e : events.values()) {
            if (!e.recordedAt().isBefore(from) && e.recordedAt().isBefore(to)) {
                counts.merge(e.reason(), 1L, Long::sum);
            }
        }
        return Map.copyOf(counts);
    }

    @Override
    public synchronized long purgeBefore(Instant before) {
        int size = events.size();
        events.values().removeIf(e -> e.recordedAt().isBefore(before));
        return size - events.size();
    }
}
