package io.jamesbounce.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.rates.DomainFigures;
import io.jamesbounce.core.rates.DomainRateMonitor;
import io.jamesbounce.core.rates.DomainReport;
import io.jamesbounce.core.rates.DomainStateChange;
import io.jamesbounce.core.rates.LocalThrottleSchedule;
import io.jamesbounce.core.rates.RateAccumulator;
import io.jamesbounce.core.rates.RateBatch;
import io.jamesbounce.core.rates.RateSettings;
import io.jamesbounce.core.rates.StatusSpread;
import io.jamesbounce.core.rates.Throttle;
import io.jamesbounce.core.rates.ThrottleDecision;
import io.jamesbounce.core.rates.ThrottleSchedule;
import io.jamesbounce.core.rates.WindowCounts;

/**
 * Per-domain rate monitoring on one server, tied to the shared store: what the James glue holds
 * as a singleton. The outbound path calls {@link #recordAttempt}, {@link #recordBounce} and
 * {@link #decide}; one scheduler calls {@link #flush()} every {@link RateSettings#flushInterval()}
 * and {@link #evaluate()} every minute or so; WebAdmin calls {@link #report()} and {@link #release}.
 * Every state change is logged as one line.
 *
 * <p>A throttled domain's send slots come from the store ({@link DomainStatsRepository#reserveSlot}),
 * so the servers sharing it send the domain its rate in total; while the store cannot answer, this
 * server keeps its own schedule (the domain then receives up to the rate per server) and says so.
 */
public final class DomainRates {
    private static final Logger LOGGER = LoggerFactory.getLogger(DomainRates.class);

    private final DomainStatsRepository repository;
    private final RateSettings settings;
    private final Clock clock;
    private final RateAccumulator accumulator;
    private final DomainRateMonitor monitor;
    private final Throttle throttle;
    // What a failed flush could not write, retried with the next one. Touched by flush() only.
    private RateBatch unwritten = RateBatch.empty();

    public DomainRates(DomainStatsRepository repository, RateSettings settings, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.accumulator = new RateAccumulator(settings, clock);
        this.monitor = new DomainRateMonitor(settings, clock);
        this.throttle = new Throttle(monitor, new SharedSchedule(repository));
    }

    public RateSettings settings() {
        return settings;
    }

    public DomainRateMonitor monitor() {
        return monitor;
    }

    /** The clock the decisions are taken on: a held message's delay is its slot minus this clock's now. */
    public Clock clock() {
        return clock;
    }

    // ---- the outbound path: in memory, no I/O

    public void recordAttempt(String domain) {
        accumulator.recordAttempt(domain);
    }

    /**
     * A bounce of a recipient, told by {@code reporter}: the network that handed us the report, or
     * {@link #OWN_DELIVERY} for a refusal our own delivery saw (see {@link io.jamesbounce.core.rates.BlockSighting}).
     */
    public void recordBounce(AddressKey recipient, Category category, Optional<EnhancedStatus> status, String reporter) {
        accumulator.recordBounce(recipient, category, status, reporter);
    }

    /** The reporter of a refusal our own delivery saw: first-hand, so each refused recipient counts as one. */
    public static String ownDelivery(AddressKey recipient) {
        return OWN_DELIVERY + recipient.value();
    }

    public static final String OWN_DELIVERY = "delivery:";

    /** For a new message to {@code domain}: see {@link Throttle#decide}. No I/O unless the domain is throttled. */
    public ThrottleDecision decide(String domain) {
        return throttle.decide(domain, clock.instant());
    }

    /** For a held message back with the slot it reserved: see {@link Throttle#admit}. No I/O. */
    public ThrottleDecision admit(String domain, Instant reservedSlot) {
        return throttle.admit(domain, reservedSlot, clock.instant());
    }

    /**
     * Whether this server is the one to alert on {@code change}: the first of the servers sharing the
     * store to record it. A store that cannot answer leaves the alert to this server (two alerts
     * rather than none).
     */
    public boolean claim(DomainStateChange change) {
        try {
            return repository.claimStateChange(change.domain(), change.from(), change.to(), change.at());
        } catch (RuntimeException e) {
            LOGGER.warn("domain-rate change not claimed in the store, alerting from this server domain={} state={} cause={}",
                change.domain(), change.to(), e.toString());
            return true;
        }
    }

    // ---- the scheduler

    /**
     * Adds what this server counted since the last flush to the store. A failure is logged and the
     * counts are kept for the next flush: the store being down loses nothing short of a restart.
     *
     * @return the attempts written
     */
    public synchronized long flush() {
        RateBatch batch = unwritten.plus(accumulator.drain());
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            repository.add(batch);
            unwritten = RateBatch.empty();
            return batch.attempts();
        } catch (RuntimeException e) {
            unwritten = batch;
            LOGGER.warn("domain-rate flush failed, kept for the next one: increments={} sightings={} cause={}",
                batch.increments().size(), batch.sightings().size(), e.toString());
            return 0;
        }
    }

    /** Reads every domain's figures from the store. */
    public List<DomainFigures> figures() {
        return figures(repository, settings, clock.instant());
    }

    /** Reads the figures and runs the monitor; each change is logged and returned for the glue to alert on. */
    public List<DomainStateChange> evaluate() {
        List<DomainStateChange> changes = monitor.evaluate(figures());
        for (DomainStateChange change : changes) {
            LOGGER.info(change.logLine());
            endThrottleSchedule(change);
        }
        return changes;
    }

    /**
     * An operator release: the domain is NORMAL at once on this server, and in the store, so that the
     * next time it is throttled is a change the servers alert on again, with a schedule of its own.
     */
    public Optional<DomainStateChange> release(String domain, String actor, String reason) {
        Optional<DomainStateChange> change = monitor.release(AddressKey.normaliseDomain(domain), actor, reason);
        change.ifPresent(c -> {
            LOGGER.info(c.logLine());
            claim(c);
            endThrottleSchedule(c);
        });
        return change;
    }

    /** A domain no longer throttled forgets its slots: held mail leaves now, a later throttle starts afresh. */
    private void endThrottleSchedule(DomainStateChange change) {
        if (change.perMinute().isPresent()) {
            return;
        }
        try {
            repository.forgetSlots(change.domain());
        } catch (RuntimeException e) {
            LOGGER.warn("throttle schedule not forgotten in the store domain={} cause={}", change.domain(), e.toString());
        }
    }

    public DomainReport report() {
        Instant now = clock.instant();
        return DomainReport.of(figures(repository, settings, now), monitor, now);
    }

    /** Deletes what is older than the baseline window (plus a bucket of margin). @return rows deleted */
    public long purge() {
        return repository.purgeBefore(settings.windowStart(clock.instant(), settings.baselineWindow()).minus(settings.bucket()));
    }

    /**
     * Every domain's figures at {@code now}, read with four queries whatever the number of domains:
     * what a CLI with no server state uses too.
     */
    public static List<DomainFigures> figures(DomainStatsRepository repository, RateSettings settings, Instant now) {
        Instant end = settings.windowEnd(now);
        Map<String, WindowCounts> shortWindow = byDomain(repository.counts(start(settings, now, settings.shortWindow()), end));
        Map<String, WindowCounts> rateWindow = byDomain(repository.counts(start(settings, now, settings.rateWindow()), end));
        Map<String, WindowCounts> baseline = byDomain(repository.counts(start(settings, now, settings.baselineWindow()), end));
        Map<String, List<StatusSpread>> spreads = new HashMap<>();
        for (StatusSpread s : repository.spreads(start(settings, now, settings.shortWindow()), end)) {
            spreads.computeIfAbsent(s.domain(), d -> new ArrayList<>()).add(s);
        }
        TreeSet<String> domains = new TreeSet<>(baseline.keySet());
        domains.addAll(rateWindow.keySet());
        domains.addAll(shortWindow.keySet());
        domains.addAll(spreads.keySet());
        List<DomainFigures> out = new ArrayList<>();
        for (String d : domains) {
            WindowCounts none = WindowCounts.empty(d);
            out.add(new DomainFigures(d, now, shortWindow.getOrDefault(d, none), rateWindow.getOrDefault(d, none),
                baseline.getOrDefault(d, none), spreads.getOrDefault(d, List.of())));
        }
        return out;
    }

    private static Instant start(RateSettings settings, Instant now, Duration window) {
        return settings.windowStart(now, window);
    }

    private static Map<String, WindowCounts> byDomain(List<WindowCounts> counts) {
        Map<String, WindowCounts> out = new HashMap<>();
        counts.forEach(c -> out.put(c.domain(), c));
        return out;
    }

    /** The store's schedule, or this server's own while the store fails. */
    private static final class SharedSchedule implements ThrottleSchedule {
        private final DomainStatsRepository repository;
        private final LocalThrottleSchedule fallback = new LocalThrottleSchedule();
        private volatile boolean failing;

        SharedSchedule(DomainStatsRepository repository) {
            this.repository = repository;
        }

        @Override
        public Instant reserve(String domain, Instant earliest, Duration interval) {
            try {
                Instant slot = repository.reserveSlot(domain, earliest, interval);
                if (failing) {
                    failing = false;
                    LOGGER.info("throttle schedule read from the store again");
                }
                return slot;
            } catch (RuntimeException e) {
                if (!failing) {
                    failing = true;
                    LOGGER.warn("throttle schedule not reachable in the store, this server schedules alone until it is domain={} cause={}",
                        domain, e.toString());
                }
                return fallback.reserve(domain, earliest, interval);
            }
        }

        @Override
        public void forget(String domain) {
            fallback.forget(domain);
        }
    }
}
