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

import io.jamesbounce.store.Retention;
import io.jamesbounce.store.SuppressionRepository;
import io.jamesbounce.store.UntrustedEventLog;

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

    @Inject
    public RetentionJob(SuppressionRepository repository, UntrustedEventLog untrusted, BounceSettings settings, Clock clock) {
        this.retention = new Retention(repository, untrusted, settings.retention().settings(), clock);
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
        return Objects.requireNonNull(retention.purge());
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
