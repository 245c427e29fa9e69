package io.jamesbounce.james.mailets;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mailet's check, once a minute, for counts an {@link AlertEvery} still holds: the mails given up
 * or not kept since the last alert are told even when no further one comes. One daemon thread per
 * mailet, stopped with it.
 */
final class PendingAlerts implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(PendingAlerts.class);
    static final PendingAlerts NONE = new PendingAlerts(null);

    private final ScheduledExecutorService scheduler;

    private PendingAlerts(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    static PendingAlerts start(String mailet, Runnable check) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bounce-alerts-" + mailet);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                check.run();
            } catch (RuntimeException e) {
                LOGGER.warn("pending alert check failed mailet={} cause={}", mailet, e.toString());
            }
        }, 1, 1, TimeUnit.MINUTES);
        return new PendingAlerts(scheduler);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
