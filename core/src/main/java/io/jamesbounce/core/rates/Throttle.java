package io.jamesbounce.core.rates;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The outbound path's question: may a message to this domain go now? A domain that is not
 * throttled costs one map lookup and allocates nothing. A message to a throttled one reserves the
 * domain's next slot in the {@link ThrottleSchedule} ({@code 60 s / rate} apart, up to the burst
 * at once after a quiet spell): due now, it goes; later, it is held until its slot, which stays
 * its own ({@link #admit}). So held mail drains at the domain's rate, in order, and waits no longer
 * than its place in the queue.
 *
 * <p>With a shared schedule every server of a cluster takes its slots from the same line: the
 * domain receives the configured rate in total. Thread-safe.
 */
public final class Throttle {
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final DomainRateMonitor monitor;
    private final ThrottleSchedule schedule;

    public Throttle(DomainRateMonitor monitor) {
        this(monitor, new LocalThrottleSchedule());
    }

    public Throttle(DomainRateMonitor monitor, ThrottleSchedule schedule) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /**
     * Decides for one message to a domain (normalised as {@code AddressKey.domain()} gives it). An
     * allowed message has used its slot; a held one has reserved the slot it is held until. Call
     * once per new message about to be sent, and {@link #admit} when a held one comes back.
     */
    public ThrottleDecision decide(String domain, Instant now) {
        OptionalInt perMinute = monitor.perMinute(domain);
        if (perMinute.isEmpty()) {
            schedule.forget(domain);
            return ThrottleDecision.allow();
        }
        int rate = perMinute.getAsInt();
        Duration interval = Duration.ofNanos(NANOS_PER_MINUTE / rate);
        int burst = Math.min(monitor.settings().throttleBurst(), rate);
        Instant slot = schedule.reserve(domain, now.minus(interval.multipliedBy(burst - 1L)), interval);
        return slot.isAfter(now) ? ThrottleDecision.holdUntil(slot) : ThrottleDecision.allow();
    }

    /**
     * A held message back with the slot it reserved: it goes when its slot is due, or at once when
     * the domain is no longer throttled (released, or cooled down); otherwise it waits for that slot
     * again, reserving nothing new.
     */
    public ThrottleDecision admit(String domain, Instant reservedSlot, Instant now) {
        if (monitor.perMinute(domain).isEmpty() || !reservedSlot.isAfter(now)) {
            return ThrottleDecision.allow();
        }
        return ThrottleDecision.holdUntil(reservedSlot);
    }
}
