package io.jamesbounce.core.rates;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.policy.AddressKey;

/**
 * The in-process counters of one server, drained into a {@link RateBatch} at every flush. The
 * outbound path calls {@link #recordAttempt(String)} once per recipient: one map lookup and one
 * {@link LongAdder} increment, no allocation once the domain is known, no lock.
 *
 * <p>Counts are stamped with the bucket of the flush that drains them, not of the send: with a flush
 * every few seconds and one-minute buckets, a count lands at most one flush late, and the hot path
 * never reads the clock.
 *
 * <p>Exact under concurrency: a drain takes each counter with an atomic get-and-reset, so an
 * increment counts in this batch or the next, never twice or never. A domain idle for a whole flush
 * is evicted in two steps: out of the map at one drain (a new writer gets a fresh counter), then
 * still read at every drain for {@link #EVICTION_DELAY}, so that a writer that picked up the old
 * counter just before the eviction is counted. Only a writer stalled for that long between two
 * adjacent instructions could be lost.
 */
public final class RateAccumulator {
    /** Distinct blocked recipients kept between two flushes; more are not needed to reach any threshold. */
    public static final int MAX_SIGHTINGS = 10_000;
    /** How long an evicted counter is still read. */
    public static final Duration EVICTION_DELAY = Duration.ofMinutes(1);
    private static final Category[] CATEGORIES = Category.values();

    private final RateSettings settings;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cell> cells = new ConcurrentHashMap<>();
    private final Set<Sighting> sightings = ConcurrentHashMap.newKeySet();
    // Touched by drain() only, which the caller runs on one thread at a time.
    private List<Cell> retiring = new ArrayList<>();

    private static final class Cell {
        final String domain;
        final LongAdder attempts = new LongAdder();
        final AtomicLongArray bounces = new AtomicLongArray(CATEGORIES.length);
        // Set and read by drain() only.
        Instant evictedAt;

        Cell(String domain) {
            this.domain = domain;
        }
    }

    private record Sighting(String domain, EnhancedStatus status, AddressKey recipient, String reporter) {
    }

    public RateAccumulator(RateSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One outbound attempt to a recipient of {@code domain} (normalised, as {@code AddressKey.domain()} gives it). */
    public void recordAttempt(String domain) {
        cell(domain).attempts.increment();
    }

    /** Several attempts at once: a message to several recipients of one domain. */
    public void recordAttempts(String domain, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        cell(domain).attempts.add(count);
    }

    /**
     * One bounce, synchronous or from a report, of a recipient; {@code reporter} says who told us
     * (see {@link BlockSighting#reporter()}).
     */
    public void recordBounce(AddressKey recipient, Category category, Optional<EnhancedStatus> status, String reporter) {
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(category, "category");
        String domain = recipient.domain();
        cell(domain).bounces.incrementAndGet(category.ordinal());
        // only a refusal of the sender is a reputation sighting: a greylisting or rate-limit deferral
        // carries an x.7.x code too (451 4.7.1) and says nothing against the sender
        boolean block = BounceKind.of(category).filter(k -> k == BounceKind.BLOCK).isPresent();
        status.filter(s -> block && StatusSpread.isTracked(s)).ifPresent(s -> {
            if (sightings.size() < MAX_SIGHTINGS) {
                sightings.add(new Sighting(domain, s, recipient, reporter));
            }
        });
    }

    private Cell cell(String domain) {
        Cell cell = cells.get(domain);
        return cell != null ? cell : cells.computeIfAbsent(domain, Cell::new);
    }

    /**
     * Takes everything counted since the last drain, stamped with the bucket of now. Call from one
     * thread at a time (the flush scheduler).
     */
    public synchronized RateBatch drain() {
        Instant now = clock.instant();
        Instant bucket = settings.bucketOf(now);
        List<RateIncrement> increments = new ArrayList<>();
        List<Cell> nextRetiring = new ArrayList<>();
        for (Cell cell : retiring) {
            take(cell, bucket).ifPresent(increments::add);
            if (now.isBefore(cell.evictedAt.plus(EVICTION_DELAY))) {
                nextRetiring.add(cell);
            }
        }
        for (Cell cell : cells.values()) {
            Optional<RateIncrement> taken = take(cell, bucket);
            if (taken.isPresent()) {
                increments.add(taken.get());
            } else if (cells.remove(cell.domain, cell)) {
                cell.evictedAt = now;
                nextRetiring.add(cell);
            }
        }
        retiring = nextRetiring;
        List<BlockSighting> seen = new ArrayList<>();
        for (Iterator<Sighting> it = sightings.iterator(); it.hasNext(); ) {
            Sighting s = it.next();
            it.remove();
            seen.add(new BlockSighting(s.domain(), bucket, s.status(), s.recipient(), s.reporter()));
        }
        return new RateBatch(increments, seen);
    }

    /** Counters held, live or evicted but still read: for tests and the benchmark. */
    int heldCounters() {
        return cells.size() + retiring.size();
    }

    private static Optional<RateIncrement> take(Cell cell, Instant bucket) {
        long attempts = cell.attempts.sumThenReset();
        Map<Category, Long> bounces = null;
        for (int i = 0; i < CATEGORIES.length; i++) {
            long n = cell.bounces.getAndSet(i, 0);
            if (n != 0) {
                if (bounces == null) {
                    bounces = new EnumMap<>(Category.class);
                }
                bounces.put(CATEGORIES[i], n);
            }
        }
        if (attempts == 0 && bounces == null) {
            return Optional.empty();
        }
        return Optional.of(new RateIncrement(cell.domain, bucket, attempts, bounces == null ? Map.of() : bounces));
    }
}
