package io.jamesbounce.core.rates;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of every recipient domain on this server: feeds each domain's figures to the rules
 * and its {@link DomainEscalation}, and returns the changes for the caller to log and alert. Only domains
 * above NORMAL (or held after a release) are kept, so memory follows the trouble, not the traffic.
 *
 * <p>Thread-safe: evaluation is meant to run on one scheduler thread while the outbound path reads
 * {@link #perMinute(String)} concurrently; both are lock-free map operations.
 */
public final class DomainRateMonitor {
    private final RateRules rules;
    private final Clock clock;
    private final Map<String, DomainEscalation> statuses = new ConcurrentHashMap<>();

    public DomainRateMonitor(RateSettings settings, Clock clock) {
        this.rules = new RateRules(settings);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RateSettings settings() {
        return rules.settings();
    }

    /**
     * Evaluates the figures of every domain that had traffic, and every domain above NORMAL that
     * had none (as a quiet domain: it cools down).
     *
     * @return the changes, in domain order
     */
    public List<DomainStateChange> evaluate(Collection<DomainFigures> figures) {
        Instant now = clock.instant();
        List<DomainStateChange> changes = new ArrayList<>();
        Map<String, DomainFigures> byDomain = new TreeMap<>();
        figures.forEach(f -> byDomain.put(f.domain(), f));
        statuses.keySet().forEach(d -> byDomain.putIfAbsent(d, DomainFigures.quiet(d, now)));
        for (DomainFigures f : byDomain.values()) {
            evaluate(f, now).ifPresent(changes::add);
        }
        return changes;
    }

    /** Evaluates one domain's figures. */
    public Optional<DomainStateChange> evaluate(DomainFigures figures) {
        return evaluate(figures, clock.instant());
    }

    private Optional<DomainStateChange> evaluate(DomainFigures figures, Instant now) {
        Assessment assessment = rules.assess(figures);
        DomainEscalation current = statuses.getOrDefault(figures.domain(), DomainEscalation.normal(figures.domain(), now));
        DomainEscalation.Step step = current.advance(assessment, now, rules.settings());
        keep(step.status(), now);
        return step.change();
    }

    /** An operator sets a domain back to NORMAL. @return the change, empty if it was NORMAL already */
    public Optional<DomainStateChange> release(String domain, String actor, String reason) {
        Instant now = clock.instant();
        DomainEscalation current = statuses.get(domain);
        if (current == null) {
            return Optional.empty();
        }
        DomainEscalation.Step step = current.release(actor, reason, now, rules.settings());
        keep(step.status(), now);
        return step.change();
    }

    public DomainState stateOf(String domain) {
        DomainEscalation status = statuses.get(domain);
        return status == null ? DomainState.NORMAL : status.state();
    }

    public Optional<DomainEscalation> statusOf(String domain) {
        return Optional.ofNullable(statuses.get(domain));
    }

    /** The throttle of a domain, messages a minute; empty when it is not throttled. One map lookup. */
    public OptionalInt perMinute(String domain) {
        DomainEscalation status = statuses.get(domain);
        return status == null ? OptionalInt.empty() : rules.settings().perMinute(status.state());
    }

    /** Every domain above NORMAL, in domain order. */
    public Map<String, DomainState> states() {
        Map<String, DomainState> out = new TreeMap<>();
        statuses.forEach((d, s) -> {
            if (s.state() != DomainState.NORMAL) {
                out.put(d, s.state());
            }
        });
        return out;
    }

    private void keep(DomainEscalation status, Instant now) {
        if (status.isIdleAt(now)) {
            statuses.remove(status.domain());
        } else {
            statuses.put(status.domain(), status);
        }
    }
}
