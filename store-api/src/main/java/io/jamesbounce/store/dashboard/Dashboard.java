package io.jamesbounce.store.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.rates.BounceKind;
import io.jamesbounce.core.rates.DomainReport;
import io.jamesbounce.core.rates.DomainState;
import io.jamesbounce.core.rates.RateSettings;
import io.jamesbounce.core.rates.Trigger;
import io.jamesbounce.core.rates.WindowCounts;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.dashboard.DashboardData.DomainHour;
import io.jamesbounce.store.dashboard.DashboardData.RecordedState;
import io.jamesbounce.store.dashboard.DashboardData.ReportHour;
import io.jamesbounce.store.dashboard.DashboardData.SuppressionCount;

/**
 * Everything the postmaster's page shows, read at one moment: per domain its state and rates over
 * the last day and week, hour by hour; the suppressions by category and source, per day and in
 * force, and the newest ones; the reports received per hour, the untrusted apart.
 *
 * @param held per throttled domain, the mail waiting for a send slot: the slots reserved ahead of now
 *             in the schedule the servers share (each held mail reserves one)
 */
public record Dashboard(Instant at, RateSettings settings, List<DomainView> domains, Map<Instant, Map<Category, Long>> suppressionsPerDay,
                        Map<Instant, Map<String, Long>> suppressionsPerDayBySource, List<SuppressionCount> inForce, List<Suppression> newest, Map<Instant, Map<String, Long>> reportsPerHour,
                        Map<String, Long> held) {
    /** Hours drawn per domain: a week. */
    public static final int HOURS = 7 * 24;
    /** Days of suppressions drawn. */
    public static final int DAYS = 30;
    /** Domains drawn hour by hour; the others are rows of the table. */
    public static final int CHARTED = 12;
    /** Newest suppressions listed. */
    public static final int NEWEST = 25;
    /** The key of the untrusted reports in {@link #reportsPerHour}. */
    public static final String UNTRUSTED = "untrusted";

    /** One domain: its state now, what set it, and its hours. */
    public record DomainView(String domain, DomainState state, Optional<Instant> since, List<Trigger> triggers, WindowCounts day,
                             WindowCounts week, Map<Instant, WindowCounts> hours) {
        public DomainView {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(state, "state");
            hours = Map.copyOf(hours);
            triggers = List.copyOf(triggers);
        }
    }

    /**
     * Reads the page's data: {@code report} gives each domain's state and triggers (the live monitor's in
     * WebAdmin, the rules applied to the stored figures on the command line); the states the servers
     * recorded give since when.
     */
    public static Dashboard read(DashboardData data, DomainReport report, RateSettings settings, Instant now) {
        Instant hourEnd = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Instant weekStart = hourEnd.minus(Duration.ofHours(HOURS));
        Instant dayStart = hourEnd.minus(Duration.ofHours(24));
        Map<String, WindowCounts> week = new TreeMap<>();
        data.domainTotals(weekStart, hourEnd).forEach(w -> week.put(w.domain(), w));
        Map<String, WindowCounts> day = new HashMap<>();
        data.domainTotals(dayStart, hourEnd).forEach(w -> day.put(w.domain(), w));
        Map<String, RecordedState> recorded = new HashMap<>();
        data.domainStates().forEach(s -> recorded.put(s.domain(), s));
        Map<String, DomainReport.Row> rows = new HashMap<>();
        report.rows().forEach(r -> rows.put(r.domain(), r));
        List<String> names = new ArrayList<>(week.keySet());
        rows.keySet().stream().filter(d -> !week.containsKey(d)).forEach(names::add);
        recorded.values().stream().filter(s -> s.state() != DomainState.NORMAL).map(RecordedState::domain)
            .filter(d -> !names.contains(d)).forEach(names::add);
        List<DomainView> domains = new ArrayList<>();
        for (String domain : names) {
            Optional<DomainReport.Row> row = Optional.ofNullable(rows.get(domain));
            Optional<RecordedState> state = Optional.ofNullable(recorded.get(domain));
            // the worse of what the rules say now and what the servers recorded
            DomainState current = DomainState.max(row.map(DomainReport.Row::state).orElse(DomainState.NORMAL),
                state.map(RecordedState::state).orElse(DomainState.NORMAL));
            Optional<Instant> since = state.filter(s -> s.state() == current).map(RecordedState::since);
            domains.add(new DomainView(domain, current, since, row.map(DomainReport.Row::triggers).orElse(List.of()),
                day.getOrDefault(domain, WindowCounts.empty(domain)), week.getOrDefault(domain, WindowCounts.empty(domain)), Map.of()));
        }
        domains.sort(Comparator.comparing(DomainView::state).reversed()
            .thenComparing(Comparator.comparingDouble((DomainView v) -> v.day().rate(BounceKind.HARD)).reversed())
            .thenComparing(Comparator.comparingLong((DomainView v) -> v.week().attempts()).reversed())
            .thenComparing(DomainView::domain));
        // hour by hour only for the domains drawn: a few thousand rows whatever the number of domains
        List<DomainView> charted = domains.subList(0, Math.min(CHARTED, domains.size()));
        Map<String, Map<Instant, WindowCounts>> hours = new HashMap<>();
        for (DomainHour h : data.domainHours(charted.stream().map(DomainView::domain).toList(), weekStart, hourEnd)) {
            hours.computeIfAbsent(h.domain(), d -> new HashMap<>()).put(h.hour(), h.counts());
        }
        for (int i = 0; i < charted.size(); i++) {
            DomainView v = charted.get(i);
            charted.set(i, new DomainView(v.domain(), v.state(), v.since(), v.triggers(), v.day(), v.week(),
                hours.getOrDefault(v.domain(), Map.of())));
        }

        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        Map<Instant, Map<Category, Long>> perDay = new LinkedHashMap<>();
        Map<Instant, Map<String, Long>> perDayBySource = new LinkedHashMap<>();
        for (int d = DAYS - 1; d >= 0; d--) {
            perDay.put(today.minus(Duration.ofDays(d)), new EnumMap<>(Category.class));
            perDayBySource.put(today.minus(Duration.ofDays(d)), new TreeMap<>());
        }
        List<SuppressionCount> suppressions = data.suppressions(now);
        for (SuppressionCount c : suppressions) {
            Instant start = c.day().atStartOfDay(ZoneOffset.UTC).toInstant();
            if (perDay.containsKey(start)) {
                perDay.get(start).merge(c.category(), c.count(), Long::sum);
                perDayBySource.get(start).merge(c.source().label(), c.count(), Long::sum);
            }
        }
        Map<Instant, Map<String, Long>> reports = new LinkedHashMap<>();
        for (int h = HOURS - 1; h >= 0; h--) {
            reports.put(hourEnd.minus(Duration.ofHours(h + 1)), new TreeMap<>());
        }
        for (ReportHour r : data.reportsPerHour(weekStart, hourEnd)) {
            String key = r.untrusted() ? UNTRUSTED : r.source().label();
            reports.computeIfAbsent(r.hour(), h -> new TreeMap<>()).merge(key, r.reports(), Long::sum);
        }
        Map<String, Long> held = new TreeMap<>();
        Map<String, Instant> slots = data.nextSendSlots();
        for (DomainView v : domains) {
            Instant next = slots.get(v.domain());
            OptionalInt perMinute = settings.perMinute(v.state());
            if (next != null && perMinute.isPresent() && next.isAfter(now)) {
                // the slots reserved are next - interval, next - 2 intervals...: those after now are mail still waiting
                long interval = Duration.ofMinutes(1).toNanos() / perMinute.getAsInt();
                held.put(v.domain(), (Duration.between(now, next).toNanos() - 1) / interval);
            }
        }
        return new Dashboard(now, settings, domains, perDay, perDayBySource, suppressions.stream().filter(SuppressionCount::inForce).toList(),
            data.newestSuppressions(NEWEST), reports, held);
    }
}
