package io.jamesbounce.core.rates;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The knobs of per-domain rate monitoring, with postmaster practice as defaults.
 *
 * @param bucket               the width of one stored counter bucket; windows are whole buckets
 * @param flushInterval        how often a server adds its in-process counts to the shared store
 * @param shortWindow          the recent window whose soft and block rates are compared with the baseline, and
 *                             in which the same x.7.x status from many recipients is a reputation signal
 * @param rateWindow           the window whose hard-bounce rate is held against the thresholds
 * @param baselineWindow       the long window a domain's usual soft and block rates come from (the short window
 *                             taken out)
 * @param minimumAttempts      below this many attempts in a window, its rates are not judged: low volume never triggers
 * @param hardWarning          hard-bounce rate that raises a warning
 * @param hardBad              hard-bounce rate that throttles
 * @param hardCritical         hard-bounce rate that throttles to the critical rate
 * @param spikeMultiplier      a soft or block rate spikes when it reaches this multiple of its baseline ...
 * @param spikeFloor           ... and this absolute rate at least
 * @param reputationRecipients distinct recipients of one domain with the same x.7.x status in the short window
 *                             that make a reputation signal ...
 * @param reputationReporters  ... reported by at least this many independent servers (each refusal our own
 *                             delivery saw counts as one): ten mailboxes of one forger are one reporter
 * @param throttledPerMinute   messages a minute, per server, to a THROTTLED domain
 * @param criticalPerMinute    messages a minute, per server, to a CRITICAL domain
 * @param throttleBurst        how many messages a throttled domain may receive at once after a quiet spell
 * @param coolDown             how long the figures must stay below a state's thresholds before it steps down
 * @param releaseGrace         after an operator release, how long the domain cannot escalate again (the windows
 *                             still hold the bounces that escalated it)
 */
public record RateSettings(Duration bucket, Duration flushInterval, Duration shortWindow, Duration rateWindow,
                           Duration baselineWindow, long minimumAttempts, double hardWarning, double hardBad,
                           double hardCritical, double spikeMultiplier, double spikeFloor, long reputationRecipients,
                           long reputationReporters, int throttledPerMinute, int criticalPerMinute, int throttleBurst, Duration coolDown,
                           Duration releaseGrace) {
    public RateSettings {
        positive(bucket, "bucket");
        positive(flushInterval, "flushInterval");
        positive(shortWindow, "shortWindow");
        positive(rateWindow, "rateWindow");
        positive(baselineWindow, "baselineWindow");
        positive(coolDown, "coolDown");
        Objects.requireNonNull(releaseGrace, "releaseGrace");
        if (releaseGrace.isNegative()) {
            throw new IllegalArgumentException("releaseGrace must not be negative: " + releaseGrace);
        }
        if (Duration.ofDays(1).toNanos() % bucket.toNanos() != 0) {
            throw new IllegalArgumentException("bucket must divide a day evenly: " + bucket);
        }
        for (Duration window : new Duration[] {shortWindow, rateWindow, baselineWindow}) {
            if (window.toNanos() % bucket.toNanos() != 0) {
                throw new IllegalArgumentException("window " + window + " is not a whole number of buckets of " + bucket);
            }
        }
        if (baselineWindow.compareTo(shortWindow) <= 0) {
            throw new IllegalArgumentException("baselineWindow (" + baselineWindow + ") must be longer than shortWindow ("
                + shortWindow + ")");
        }
        if (minimumAttempts < 1) {
            throw new IllegalArgumentException("minimumAttempts must be at least 1: " + minimumAttempts);
        }
        if (!(0 < hardWarning && hardWarning <= hardBad && hardBad <= hardCritical && hardCritical <= 1)) {
            throw new IllegalArgumentException("hard-bounce thresholds must satisfy 0 < warning <= bad <= critical <= 1: "
                + hardWarning + ", " + hardBad + ", " + hardCritical);
        }
        if (!(spikeMultiplier > 1)) {
            throw new IllegalArgumentException("spikeMultiplier must be above 1: " + spikeMultiplier);
        }
        if (!(0 < spikeFloor && spikeFloor <= 1)) {
            throw new IllegalArgumentException("spikeFloor must be in (0, 1]: " + spikeFloor);
        }
        if (reputationRecipients < 2) {
            throw new IllegalArgumentException("reputationRecipients must be at least 2: " + reputationRecipients);
        }
        if (reputationReporters < 1 || reputationReporters > reputationRecipients) {
            throw new IllegalArgumentException("reputationReporters must be from 1 to reputationRecipients: " + reputationReporters);
        }
        if (throttledPerMinute < 1 || criticalPerMinute < 1 || criticalPerMinute > throttledPerMinute) {
            throw new IllegalArgumentException("throttle rates must satisfy 1 <= critical <= throttled: "
                + criticalPerMinute + ", " + throttledPerMinute);
        }
        if (throttleBurst < 1) {
            throw new IllegalArgumentException("throttleBurst must be at least 1: " + throttleBurst);
        }
    }

    public static RateSettings defaults() {
        return new RateSettings(Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofHours(1),
            Duration.ofHours(24), 100, 0.02, 0.05, 0.10, 3.0, 0.05, 10, 3, 60, 6, 5, Duration.ofMinutes(30),
            Duration.ofMinutes(15));
    }

    /** Messages a minute allowed to a domain in that state; empty when it is not throttled. */
    public OptionalInt perMinute(DomainState state) {
        return switch (state) {
            case THROTTLED -> OptionalInt.of(throttledPerMinute);
            case CRITICAL -> OptionalInt.of(criticalPerMinute);
            case NORMAL, WARNING -> OptionalInt.empty();
        };
    }

    /** The start of the bucket that holds {@code at}. Buckets are aligned on the epoch. */
    public Instant bucketOf(Instant at) {
        long width = bucket.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), width) * width);
    }

    /** The first bucket of a window ending with the bucket that holds {@code now}: the window is whole buckets. */
    public Instant windowStart(Instant now, Duration window) {
        return bucketOf(now).plus(bucket).minus(window);
    }

    /** The end (exclusive) of every window read at {@code now}: the end of the current bucket. */
    public Instant windowEnd(Instant now) {
        return bucketOf(now).plus(bucket);
    }

    public RateSettings withMinimumAttempts(long value) {
        return new RateSettings(bucket, flushInterval, shortWindow, rateWindow, baselineWindow, value, hardWarning, hardBad,
            hardCritical, spikeMultiplier, spikeFloor, reputationRecipients, reputationReporters, throttledPerMinute, criticalPerMinute,
            throttleBurst, coolDown, releaseGrace);
    }

    public RateSettings withHardThresholds(double warning, double bad, double critical) {
        return new RateSettings(bucket, flushInterval, shortWindow, rateWindow, baselineWindow, minimumAttempts, warning,
            bad, critical, spikeMultiplier, spikeFloor, reputationRecipients, reputationReporters, throttledPerMinute, criticalPerMinute,
            throttleBurst, coolDown, releaseGrace);
    }

    public RateSettings withThrottle(int throttled, int critical, int burst) {
        return new RateSettings(bucket, flushInterval, shortWindow, rateWindow, baselineWindow, minimumAttempts,
            hardWarning, hardBad, hardCritical, spikeMultiplier, spikeFloor, reputationRecipients, reputationReporters, throttled, critical,
            burst, coolDown, releaseGrace);
    }

    public RateSettings withCoolDown(Duration value) {
        return new RateSettings(bucket, flushInterval, shortWindow, rateWindow, baselineWindow, minimumAttempts,
            hardWarning, hardBad, hardCritical, spikeMultiplier, spikeFloor, reputationRecipients, reputationReporters, throttledPerMinute,
            criticalPerMinute, throttleBurst, value, releaseGrace);
    }

    public RateSettings withReleaseGrace(Duration value) {
        return new RateSettings(bucket, flushInterval, shortWindow, rateWindow, baselineWindow, minimumAttempts,
            hardWarning, hardBad, hardCritical, spikeMultiplier, spikeFloor, reputationRecipients, reputationReporters, throttledPerMinute,
            criticalPerMinute, throttleBurst, coolDown, value);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
