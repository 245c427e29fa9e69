package io.jamesbounce.core.rates;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outbound path's question: may a message to this domain go now? A domain that is not
 * throttled costs one map lookup and allocates nothing; a throttled one takes a token from its
 * bucket ({@link TokenBucket}), or is held with the time its next token arrives.
 *
 * <p>Per server: with N servers sending, a domain receives up to N times the configured rate.
 * Thread-safe; each decision is one atomic {@code compute} on the domain's bucket.
 */
public final class Throttle {
    private final DomainRateMonitor monitor;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public Throttle(DomainRateMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    /**
     * Decides for one message to a domain (normalised as {@code AddressKey.domain()} gives it). An
     * allowed message has used its token: call once per message about to be sent.
     */
    public ThrottleDecision decide(String domain, Instant now) {
        OptionalInt perMinute = monitor.perMinute(domain);
        if (perMinute.isEmpty()) {
            if (!buckets.isEmpty()) {
                buckets.remove(domain);
            }
            return ThrottleDecision.allow();
        }
        int rate = perMinute.getAsInt();
        int capacity = Math.min(monitor.settings().throttleBurst(), rate);
        ThrottleDecision[] decision = new ThrottleDecision[1];
        buckets.compute(domain, (d, bucket) -> {
            TokenBucket current = bucket == null ? TokenBucket.full(rate, capacity, now)
                : (bucket.perMinute() == rate ? bucket : bucket.withRate(rate, capacity));
            current = current.refilledAt(now);
            if (current.hasToken()) {
                decision[0] = ThrottleDecision.allow();
                return current.take();
            }
            decision[0] = ThrottleDecision.holdUntil(current.nextTokenAt());
            return current;
        });
        return decision[0];
    }
}
