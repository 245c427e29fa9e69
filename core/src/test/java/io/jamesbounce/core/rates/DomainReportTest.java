package io.jamesbounce.core.rates;

import static io.jamesbounce.core.rates.Figures.counts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.testing.MutableClock;

class DomainReportTest {
    private static final Instant AT = Instant.parse("2025-03-01T08:00:00Z");

    private static DomainFigures figures(String domain, long attempts, long hard) {
        WindowCounts w = counts(domain, attempts, Category.USER_UNKNOWN, hard, Category.MAILBOX_FULL, 1, Category.SPAM, 2);
        return Figures.of(domain).shortWindow(w).rateWindow(w).baseline(w).at(AT);
    }

    @Test
    void anAssessedReportShouldListTheWorstDomainFirstWithItsRatesPerWindow() {
        DomainReport report = DomainReport.assessed(List.of(figures("quiet.example", 5000, 0), figures("bad.example", 1000, 60)),
            RateSettings.defaults(), AT);

        assertThat(report.rows()).extracting(DomainReport.Row::domain).containsExactly("bad.example", "quiet.example");
        assertThat(report.rows()).extracting(DomainReport.Row::state).containsExactly(DomainState.THROTTLED, DomainState.NORMAL);
        assertThat(report.table()).isEqualTo("""
            per-domain bounce rates at 2025-03-01T08:00:00Z (state: assessed from these figures)
            DOMAIN         STATE      WINDOW  ATTEMPTS    HARD    SOFT   BLOCK   HARD%   SOFT%  BLOCK%
            bad.example    THROTTLED  15min       1000      60       1       2   6.00%   0.10%   0.20%
                                      1h          1000      60       1       2   6.00%   0.10%   0.20%
                                      24h         1000      60       1       2   6.00%   0.10%   0.20%
              hard-rate=6.00%>=5.00%(60/1000,PT1H)
            quiet.example  NORMAL     15min       5000       0       1       2   0.00%   0.02%   0.04%
                                      1h          5000       0       1       2   0.00%   0.02%   0.04%
                                      24h         5000       0       1       2   0.00%   0.02%   0.04%
            """);
    }

    @Test
    void aReportFromAMonitorShouldShowTheMonitorsStates() {
        MutableClock clock = new MutableClock(AT);
        DomainRateMonitor monitor = new DomainRateMonitor(RateSettings.defaults(), clock);
        monitor.release("bad.example", "nobody", "nothing");

        DomainReport report = DomainReport.of(List.of(figures("bad.example", 1000, 60)), monitor, AT);

        assertThat(report.rows()).extracting(DomainReport.Row::state).containsExactly(DomainState.NORMAL);
        assertThat(report.stateSource()).isEqualTo(DomainReport.StateSource.MONITOR);
    }

    @Test
    void moreBouncesThanAttemptsShouldShowNoRateNotFiveHundredPercent() {
        // issue #17: bounces of mail sent before the window, or by a server that counts no attempts
        DomainReport report = DomainReport.assessed(List.of(figures("late.example", 2, 10)), RateSettings.defaults(), AT);

        assertThat(report.table()).doesNotContain("500.00%").contains("late.example").contains("      -")
            .contains("-: no rate (no attempt in the window, or fewer attempts than bounces");
        assertThat(DomainReport.rateCell(counts("x.example", 0), BounceKind.HARD)).isEqualTo("-");
    }

    @Test
    void anEmptyReportShouldSaySo() {
        assertThat(DomainReport.assessed(List.of(), RateSettings.defaults(), AT).table())
            .endsWith("no attempt or bounce recorded in the last 24 h\n");
    }
}
