package io.jamesbounce.james.extension;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.rates.DomainStateChange;
import io.jamesbounce.james.mailets.PostmasterAlert;
import io.jamesbounce.store.DomainRates;

/**
 * The background side of per-domain rate monitoring, one per James server, started when James'
 * injector builds it and stopped with James ({@code @PreDestroy}): one daemon thread adds this
 * server's counts to the store every {@code rates.flush-interval}, evaluates every
 * {@code rates.evaluate-interval}, and purges old counters hourly. Each state change is logged by
 * {@link DomainRates} as one structured line, counted in the metric
 * {@value #METRIC_PREFIX}{@code <state>} when James binds a {@link MetricFactory}, and, with
 * {@code rates.alerts=true}, mailed to the postmaster through James' {@link MailetContext} (the mail
 * enters the {@code root} processor like any mail James sends itself) by the one server of a cluster
 * that records the change first in the shared store ({@link DomainRates#claim}).
 */
@Singleton
public class DomainRateJob {
    private static final Logger LOGGER = LoggerFactory.getLogger(DomainRateJob.class);
    static final String METRIC_PREFIX = "bounces_domain_rate_change_to_";

    private final DomainRates rates;
    private final BounceSettings.Rates settings;
    // Providers: James 3.8 builds the extension modules while building its own loader, which the
    // mailet context depends on; asking for the context (or metrics) at construction makes a cycle.
    private final Provider<MailetContext> mailetContext;
    private final ScheduledExecutorService scheduler;
    private Optional<Provider<MetricFactory>> metrics = Optional.empty();

    @Inject
    public DomainRateJob(DomainRates rates, BounceSettings settings, Provider<MailetContext> mailetContext) {
        this(rates, settings.rates(), mailetContext, true);
    }

    DomainRateJob(DomainRates rates, BounceSettings.Rates settings, Provider<MailetContext> mailetContext, boolean start) {
        this.rates = Objects.requireNonNull(rates, "rates");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mailetContext = Objects.requireNonNull(mailetContext, "mailetContext");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bounce-domain-rates");
            thread.setDaemon(true);
            return thread;
        });
        if (start) {
            long flush = settings.settings().flushInterval().toMillis();
            long evaluate = settings.evaluateInterval().toMillis();
            scheduler.scheduleWithFixedDelay(guarded("flush", rates::flush), flush, flush, TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(guarded("evaluate", this::evaluate), evaluate, evaluate, TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(guarded("purge", rates::purge), 1, 1, TimeUnit.HOURS);
            LOGGER.info("domain-rate monitoring started: flush every {}, evaluate every {}, alerts {}",
                settings.settings().flushInterval(), settings.evaluateInterval(), settings.alerts() ? "to the postmaster" : "off");
        }
    }

    /** James binds one; a bare injector may not. */
    @com.google.inject.Inject(optional = true)
    void setMetricFactory(Provider<MetricFactory> metricFactory) {
        this.metrics = Optional.of(metricFactory);
    }

    /** Runs the monitor on the store's figures now; logs, counts and alerts each change. */
    public List<DomainStateChange> evaluate() {
        List<DomainStateChange> changes = rates.evaluate();
        for (DomainStateChange change : changes) {
            count(change);
            if (!settings.alerts()) {
                continue;
            }
            if (rates.claim(change)) {
                alert(change);
            } else {
                LOGGER.info("domain-rate alert left to the server that saw the change first domain={} state={}", change.domain(), change.to());
            }
        }
        return changes;
    }

    private void count(DomainStateChange change) {
        try {
            metrics.ifPresent(m -> m.get().generate(METRIC_PREFIX + change.to().name().toLowerCase(Locale.ROOT)).increment());
        } catch (RuntimeException e) {
            LOGGER.warn("domain-rate metric not recorded domain={} cause={}", change.domain(), e.toString());
        }
    }

    void alert(DomainStateChange change) {
        MailetContext context = mailetContext.get();
        try {
            PostmasterAlert.send(context, change.alertSubject(), change.alertText() + "\n" + change.logLine() + "\n");
            LOGGER.info("domain-rate alert sent to={} domain={} state={}", context.getPostmaster().asString(), change.domain(), change.to());
        } catch (MessagingException | RuntimeException e) {
            LOGGER.warn("domain-rate alert not sent to={} domain={} state={} cause={}",
                context.getPostmaster().asString(), change.domain(), change.to(), e.toString());
        }
    }

    /** Stops the thread and adds what is still counted in memory to the store. */
    @PreDestroy
    public void stop() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long written = rates.flush();
        LOGGER.info("domain-rate monitoring stopped, last flush attempts={}", written);
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOGGER.warn("domain-rate {} failed, retried on schedule cause={}", what, e.toString());
            }
        };
    }
}
