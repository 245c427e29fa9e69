package io.jamesbounce.core.rates;

import java.time.Duration;
import java.time.Instant;

/**
 * The send slots of throttled domains: each message to a throttled domain reserves the next free
 * slot, one {@code interval} after the one before (a generic cell-rate schedule). A message whose
 * slot is not yet due waits for it, and its slot stays reserved, so held mail leaves in the order it
 * came and a domain receives its rate however many messages wait. Kept in memory on one server
 * ({@link LocalThrottleSchedule}), or in the shared store so that a cluster keeps one schedule per domain.
 */
public interface ThrottleSchedule {

    /**
     * Reserves the next slot of {@code domain}: the later of the domain's next free slot and
     * {@code earliest}; the next free slot becomes that plus {@code interval}. Atomic: two callers
     * never get the same slot.
     */
    Instant reserve(String domain, Instant earliest, Duration interval);

    /** Drops what is kept for a domain that is no longer throttled; a shared schedule keeps it until purged. */
    default void forget(String domain) {
    }
}
