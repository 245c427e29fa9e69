package io.jamesbounce.core.rates;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The schedule of one server, in memory: one atomic {@code compute} per reservation. */
public final class LocalThrottleSchedule implements ThrottleSchedule {
    private final Map<String, Instant> nextFree = new ConcurrentHashMap<>();

    @Override
    public Instant reserve(String domain, Instant earliest, Duration interval) {
        Instant[] slot = new Instant[1];
        nextFree.compute(domain, (d, next) -> {
            slot[0] = next == null || next.isBefore(earliest) ? earliest : next;
            return slot[0].plus(interval);
        });
        return slot[0];
    }

    @Override
    public void forget(String domain) {
        if (!nextFree.isEmpty()) {
            nextFree.remove(domain);
        }
    }
}
