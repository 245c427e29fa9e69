package io.jamesbounce.core.rates;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;

/** Builds the figures of one domain for a test: each window's counts set by hand. */
final class Figures {
    static final String DOMAIN = "example.com";

    private final String domain;
    private WindowCounts shortWindow;
    private WindowCounts rateWindow;
    private WindowCounts baseline;
    private final List<StatusSpread> spreads = new ArrayList<>();

    private Figures(String domain) {
        this.domain = domain;
        this.shortWindow = WindowCounts.empty(domain);
        this.rateWindow = WindowCounts.empty(domain);
        this.baseline = WindowCounts.empty(domain);
    }

    static Figures of(String domain) {
        return new Figures(domain);
    }

    /** The rate window with {@code hard} unknown users out of {@code attempts}; the other windows the same. */
    static DomainFigures hardBounces(long attempts, long hard) {
        WindowCounts w = counts(DOMAIN, attempts, Category.USER_UNKNOWN, hard);
        return of(DOMAIN).shortWindow(w).rateWindow(w).baseline(w).at(Instant.EPOCH);
    }

    static WindowCounts counts(String domain, long attempts, Object... categoryThenCount) {
        Map<Category, Long> bounces = new EnumMap<>(Category.class);
        for (int i = 0; i < categoryThenCount.length; i += 2) {
            bounces.merge((Category) categoryThenCount[i], ((Number) categoryThenCount[i + 1]).longValue(), Long::sum);
        }
        return new WindowCounts(domain, attempts, bounces);
    }

    Figures shortWindow(WindowCounts w) {
        shortWindow = w;
        return this;
    }

    Figures rateWindow(WindowCounts w) {
        rateWindow = w;
        return this;
    }

    Figures baseline(WindowCounts w) {
        baseline = w;
        return this;
    }

    /** A spread seen by our own delivery: each recipient its own reporter. */
    Figures spread(String status, long recipients) {
        return spread(status, recipients, recipients);
    }

    Figures spread(String status, long recipients, long reporters) {
        spreads.add(new StatusSpread(domain, EnhancedStatus.of(status), recipients, reporters));
        return this;
    }

    DomainFigures at(Instant at) {
        return new DomainFigures(domain, at, shortWindow, rateWindow, baseline, spreads);
    }
}
