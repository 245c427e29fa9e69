package io.jamesbounce.james.mailets;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * At most one alert per period for a recurring event: the first occurrence alerts at once, later ones
 * are counted and told with the next alert, so a flood of failures sends the postmaster one mail an
 * hour, not one per mail; {@link #due} hands over what is still untold once the period is over, even
 * when nothing more happens (the owner polls it). Thread-safe.
 */
final class AlertEvery {
    private final Duration period;
    private Instant lastAlert;
    private long sinceLastAlert;

    AlertEvery(Duration period) {
        this.period = Objects.requireNonNull(period, "period");
    }

    /** Counts one occurrence; @return how many to tell now, or empty while the last alert is recent */
    synchronized OptionalLong occurred(Instant now) {
        sinceLastAlert++;
        if (lastAlert != null && now.isBefore(lastAlert.plus(period))) {
            return OptionalLong.empty();
        }
        long n = sinceLastAlert;
        sinceLastAlert = 0;
        lastAlert = now;
        return OptionalLong.of(n);
    }

    /** What was counted but not told yet, once the period since the last alert is over. */
    synchronized OptionalLong due(Instant now) {
        if (sinceLastAlert == 0 || lastAlert != null && now.isBefore(lastAlert.plus(period))) {
            return OptionalLong.empty();
        }
        long n = sinceLastAlert;
        sinceLastAlert = 0;
        lastAlert = now;
        return OptionalLong.of(n);
    }
}
