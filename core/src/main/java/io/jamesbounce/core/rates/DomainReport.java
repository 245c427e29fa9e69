package io.jamesbounce.core.rates;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Per-domain figures at one moment, as a value a CLI prints or WebAdmin serialises: one row per
 * domain, with its counts and rates in each window and its state.
 *
 * @param stateSource where the states come from: a server's monitor, or the rules applied to the figures
 *                    alone (what a CLI with no monitor can say)
 */
public record DomainReport(Instant at, Duration shortWindow, Duration rateWindow, Duration baselineWindow,
                           StateSource stateSource, List<Row> rows) {
    public enum StateSource {
        MONITOR,
        ASSESSED
    }

    /** One domain: its figures and state. */
    public record Row(DomainFigures figures, DomainState state, List<Trigger> triggers) {
        public Row {
            Objects.requireNonNull(figures, "figures");
            Objects.requireNonNull(state, "state");
            triggers = List.copyOf(triggers);
        }

        public String domain() {
            return figures.domain();
        }
    }

    public DomainReport {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(shortWindow, "shortWindow");
        Objects.requireNonNull(rateWindow, "rateWindow");
        Objects.requireNonNull(baselineWindow, "baselineWindow");
        Objects.requireNonNull(stateSource, "stateSource");
        rows = List.copyOf(rows);
    }

    /**
     * The report of these figures, states taken from the monitor, rows worst first then by
     * baseline volume.
     */
    public static DomainReport of(List<DomainFigures> figures, DomainRateMonitor monitor, Instant at) {
        RateRules rules = new RateRules(monitor.settings());
        List<Row> rows = new ArrayList<>();
        for (DomainFigures f : figures) {
            rows.add(new Row(f, monitor.stateOf(f.domain()), rules.assess(f).triggers()));
        }
        return sorted(at, monitor.settings(), StateSource.MONITOR, rows);
    }

    /** The report of these figures with no monitor: each state is what the rules ask for now. */
    public static DomainReport assessed(List<DomainFigures> figures, RateSettings settings, Instant at) {
        RateRules rules = new RateRules(settings);
        List<Row> rows = new ArrayList<>();
        for (DomainFigures f : figures) {
            Assessment a = rules.assess(f);
            rows.add(new Row(f, a.target(), a.triggers()));
        }
        return sorted(at, settings, StateSource.ASSESSED, rows);
    }

    private static DomainReport sorted(Instant at, RateSettings settings, StateSource source, List<Row> rows) {
        List<Row> ordered = rows.stream().sorted(Comparator.comparing(Row::state).reversed()
            .thenComparing(Comparator.comparingLong((Row r) -> r.figures().baseline().attempts()).reversed())
            .thenComparing(Row::domain)).toList();
        return new DomainReport(at, settings.shortWindow(), settings.rateWindow(), settings.baselineWindow(), source, ordered);
    }

    /** A fixed-width table, three lines per domain (one per window). */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("per-domain bounce rates at ").append(at).append(" (state: ")
            .append(stateSource == StateSource.MONITOR ? "monitor" : "assessed from these figures").append(")\n");
        if (rows.isEmpty()) {
            return out.append("no attempt or bounce recorded in the last ").append(Trigger.human(baselineWindow)).append('\n')
                .toString();
        }
        int width = Math.max("DOMAIN".length(), rows.stream().mapToInt(r -> r.domain().length()).max().orElse(0));
        String format = "%-" + width + "s  %-9s  %-6s %9s %7s %7s %7s %7s %7s %7s%n";
        out.append(String.format(Locale.ROOT, format, "DOMAIN", "STATE", "WINDOW", "ATTEMPTS", "HARD", "SOFT", "BLOCK",
            "HARD%", "SOFT%", "BLOCK%"));
        for (Row row : rows) {
            line(out, format, row.domain(), row.state().name(), shortWindow, row.figures().shortWindow());
            line(out, format, "", "", rateWindow, row.figures().rateWindow());
            line(out, format, "", "", baselineWindow, row.figures().baseline());
            for (Trigger t : row.triggers()) {
                out.append("  ").append(t.token()).append('\n');
            }
        }
        boolean someHaveNoRate = rows.stream().map(Row::figures)
            .flatMap(f -> Stream.of(f.shortWindow(), f.rateWindow(), f.baseline()))
            .anyMatch(w -> Arrays.stream(BounceKind.values()).anyMatch(k -> rateCell(w, k).equals("-")));
        if (someHaveNoRate) {
            out.append("-: no rate (no attempt in the window, or fewer attempts than bounces: mail sent before it, or by a"
                + " server that does not count its attempts)\n");
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String format, String domain, String state, Duration window, WindowCounts w) {
        out.append(String.format(Locale.ROOT, format, domain, state, Trigger.human(window).replace(" ", ""), w.attempts(),
            w.bounces(BounceKind.HARD), w.bounces(BounceKind.SOFT), w.bounces(BounceKind.BLOCK),
            rateCell(w, BounceKind.HARD), rateCell(w, BounceKind.SOFT), rateCell(w, BounceKind.BLOCK)));
    }

    /**
     * A rate, or {@code -} when the window holds no attempt or fewer attempts than bounces of the kind:
     * bounces of mail sent before the window, or by a server that does not count its attempts, are no
     * rate (they once printed 500.00%).
     */
    static String rateCell(WindowCounts w, BounceKind kind) {
        return w.attempts() == 0 || w.bounces(kind) > w.attempts() ? "-" : Trigger.percent(w.rate(kind));
    }
}
