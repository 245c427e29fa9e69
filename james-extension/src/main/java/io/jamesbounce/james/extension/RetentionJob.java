package io.jamesbounce.james.extension;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.Retention;
import io.jamesbounce.store.SuppressionList;
import io.jamesbounce.store.UntrustedEventLog;
import io.jamesbounce.store.jdbc.JdbcSentMessageLog;

/**
 * Purges, every {@code retention.interval}, the events older than their retention and the expired
 * suppressions ({@link Retention}). Every server of a cluster runs it: the deletes are idempotent.
 */
@Singleton
public class RetentionJob {
    private static final Logger LOGGER = LoggerFactory.getLogger(RetentionJob.class);
    /** The first purge waits for James to finish starting. */
    static final Duration FIRST_RUN = Duration.ofMinutes(5);

    private final Retention retention;
    private final ScheduledExecutorService scheduler;
    private final JdbcSentMessageLog sent;
    private final Duration sentKept;
    private final Clock clock;

    @Inject
    public RetentionJob(BounceEventHistory events, SuppressionList suppressions, UntrustedEventLog untrusted, JdbcBackend.Store store,
                        BounceSettings settings, Clock clock) {
        this.retention = new Retention(events, suppressions, untrusted, settings.retention().settings(), clock);
        this.sent = store.jdbc().sentMessages();
        // a bounce comes back within the receivers' queue lifetime: the return paths' validity covers it
        this.sentKept = settings.verpSigning().map(BounceSettings.VerpSigning::validity).orElse(BounceSettings.VerpSigning.DEFAULT_VALIDITY);
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bounce-retention");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.retention().interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::purgeQuietly, FIRST_RUN.toMillis(), interval, TimeUnit.MILLISECONDS);
        LOGGER.info("retention started: events kept {} days, untrusted events kept {} days, purged every {} minutes",
            settings.retention().settings().events().toDays(), settings.retention().settings().untrustedEvents().toDays(),
            settings.retention().interval().toMinutes());
    }

    /** Purges now; what {@link #purgeQuietly} runs on schedule. */
    public Retention.Purged purge() {
        Retention.Purged purged = Objects.requireNonNull(retention.purge());
        long forgotten = sent.purgeBefore(clock.instant().minus(sentKept));
        LOGGER.info("retention purge sent-messages={} kept={} days", forgotten, sentKept.toDays());
        return purged;
    }

    private void purgeQuietly() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOGGER.warn("retention purge failed, retried on schedule cause={}", e.toString());
        }
    }

    @PreDestroy
    public void stop() {
        scheduler.shutdownNow();
    }
}
