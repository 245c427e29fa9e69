package io.jamesbounce.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.jamesbounce.core.rates.DomainState;
import io.jamesbounce.core.rates.RateBatch;
import io.jamesbounce.core.rates.StatusSpread;
import io.jamesbounce.core.rates.WindowCounts;

/**
 * Time-bucketed per-domain counters shared by every James server: attempts and bounces per
 * category, and the distinct recipients refused with each x.7.x status. Every backend runs
 * {@code DomainStatsRepositoryContract}.
 *
 * <p>Several servers add at once: {@link #add} adds to what is stored (an atomic increment per
 * row), so no count is lost and none is counted twice, without locks held across calls.
 */
public interface DomainStatsRepository {

    /** Adds a server's increments to the stored buckets, and stores its sightings once each. */
    void add(RateBatch batch);

    /** Per domain, the sums over the buckets that start in [{@code from}, {@code to}), in domain order. */
    List<WindowCounts> counts(Instant from, Instant to);

    /** Per domain and status, the distinct recipients seen in the buckets that start in [{@code from}, {@code to}). */
    List<StatusSpread> spreads(Instant from, Instant to);

    /**
     * Reserves the next send slot of a throttled domain, as {@link io.jamesbounce.core.rates.ThrottleSchedule#reserve}:
     * the later of the domain's next free slot and {@code earliest}, the next free slot moved one
     * {@code interval} past it. Atomic across servers: no two callers get the same slot.
     */
    Instant reserveSlot(String domain, Instant earliest, Duration interval);

    /** Forgets a domain's send schedule: it is no longer throttled, its next throttle starts afresh. */
    void forgetSlots(String domain);

    /**
     * Records that a domain went from {@code from} to {@code to} (as this server saw it), if that is news
     * for the servers sharing the store ({@link #isNews}); a domain never seen is in {@link DomainState#NORMAL}.
     * @return true for the one server that records it: the one that alerts
     */
    boolean claimStateChange(String domain, DomainState from, DomainState to, Instant at);

    /**
     * Whether a server's change is news given the state the store records: the very change from that
     * state, or an escalation above it (a server that missed a release still alerts when the domain
     * worsens again). A server lagging behind a change the others made, or stepping down along
     * another path, is not.
     */
    static boolean isNews(DomainState recorded, DomainState from, DomainState to) {
        return recorded != to && (recorded == from || to.isAbove(recorded));
    }

    /**
     * Deletes the buckets and sightings that start before {@code before}, the schedules whose last
     * slot is older, and the states of domains back to normal since before then. @return how many rows
     */
    long purgeBefore(Instant before);
}
