package io.jamesbounce.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the store from growing for ever: deletes bounce events and untrusted events older than
 * their retention, and suppressions that have expired. A suppression keeps its own evidence (code,
 * status, diagnostic, report), so it still explains itself once its events are gone.
 */
public final class Retention {
    private static final Logger LOGGER = LoggerFactory.getLogger(Retention.class);

    /**
     * @param events          how long bounce events are kept; at least the policy's history window,
     *                        which reads them to decide soft streaks
     * @param untrustedEvents how long events of unproven reports are kept (forgery attempts, for the postmaster)
     */
    public record Settings(Duration events, Duration untrustedEvents) {
        public static final Settings DEFAULT = new Settings(Duration.ofDays(180), Duration.ofDays(30));

        public Settings {
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(untrustedEvents, "untrustedEvents");
            if (events.isNegative() || events.isZero() || untrustedEvents.isNegative() || untrustedEvents.isZero()) {
                throw new IllegalArgumentException("retention periods must be positive");
            }
        }
    }

    /** What one pass deleted. */
    public record Purged(long events, long untrustedEvents, long expiredSuppressions) {
    }

    private final BounceEventHistory events;
    private final SuppressionList suppressions;
    private final UntrustedEventLog untrusted;
    private final Settings settings;
    private final Clock clock;

    public Retention(BounceEventHistory events, SuppressionList suppressions, UntrustedEventLog untrusted, Settings settings,
                     Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.untrusted = Objects.requireNonNull(untrusted, "untrusted");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Purged purge() {
        Instant now = clock.instant();
        long purgedEvents = events.purgeEventsBefore(now.minus(settings.events()));
        long unproven = untrusted.purgeBefore(now.minus(settings.untrustedEvents()));
        long expired = suppressions.purgeExpired(now);
        LOGGER.info("retention purge events={} untrusted-events={} expired-suppressions={} events-kept={} untrusted-kept={}",
            purgedEvents, unproven, expired, settings.events(), settings.untrustedEvents());
        return new Purged(purgedEvents, unproven, expired);
    }
}
