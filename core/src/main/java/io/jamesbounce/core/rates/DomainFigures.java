package io.jamesbounce.core.rates;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything the rules look at for one domain, read from the shared store at one moment.
 *
 * @param shortWindow the last {@link RateSettings#shortWindow()}
 * @param rateWindow  the last {@link RateSettings#rateWindow()}
 * @param baseline    the last {@link RateSettings#baselineWindow()}, the short window included
 * @param spreads     x.7.x statuses in the short window with their distinct recipients, most widespread first
 */
public record DomainFigures(String domain, Instant at, WindowCounts shortWindow, WindowCounts rateWindow,
                            WindowCounts baseline, List<StatusSpread> spreads) {
    public DomainFigures {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(shortWindow, "shortWindow");
        Objects.requireNonNull(rateWindow, "rateWindow");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(spreads, "spreads");
        for (WindowCounts w : List.of(shortWindow, rateWindow, baseline)) {
            if (!w.domain().equals(domain)) {
                throw new IllegalArgumentException("counts of " + w.domain() + " in the figures of " + domain);
            }
        }
        for (StatusSpread s : spreads) {
            if (!s.domain().equals(domain)) {
                throw new IllegalArgumentException("status spread of " + s.domain() + " in the figures of " + domain);
            }
        }
        spreads = spreads.stream().sorted(Comparator.comparingLong(StatusSpread::recipients).reversed()
            .thenComparing(s -> s.status().toString())).toList();
    }

    /** A domain with nothing recorded: how a domain that stopped receiving mail is evaluated. */
    public static DomainFigures quiet(String domain, Instant at) {
        WindowCounts none = WindowCounts.empty(domain);
        return new DomainFigures(domain, at, none, none, none, List.of());
    }

    /** The baseline the short window is compared with: the long window without the short one. */
    public WindowCounts baselineBeforeShortWindow() {
        return baseline.minus(shortWindow);
    }
}
