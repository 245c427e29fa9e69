package io.jamesbounce.james.mailets;

import java.time.Duration;
import java.time.Instant;

import io.jamesbounce.core.classify.Classifier;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.SuppressionPolicy;
import io.jamesbounce.core.rates.RateSettings;
import io.jamesbounce.core.testing.MutableClock;
import io.jamesbounce.core.trust.TrustEvaluator;
import io.jamesbounce.core.trust.TrustSettings;
import io.jamesbounce.ingest.IngestMetrics;
import io.jamesbounce.ingest.ReportIngestion;
import io.jamesbounce.james.common.LookupFailureMode;
import io.jamesbounce.james.common.SuppressionCheck;
import io.jamesbounce.store.CachingSuppressionLookup;
import io.jamesbounce.store.DomainRates;
import io.jamesbounce.store.MemoryDomainStatsRepository;
import io.jamesbounce.store.MemorySuppressionRepository;
import io.jamesbounce.store.MemoryUntrustedEventLog;
import io.jamesbounce.store.SuppressionService;

/** The real collaborators of the mailets, in memory, on a clock that stands still unless moved; the lookup caches for five minutes. */
final class Store {
    static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");

    /** Stands still unless a test moves it. */
    final MutableClock clock = new MutableClock(NOW);
    final MemorySuppressionRepository repository = new MemorySuppressionRepository();
    /** What the mailets use: {@link #repository}, until {@code outage.down()}. */
    final SwitchableSuppressionRepository outage = new SwitchableSuppressionRepository(repository);
    final CachingSuppressionLookup lookup = newLookup();
    final SuppressionCheck suppressed = new SuppressionCheck(lookup, LocalPartMatching.CASE_INSENSITIVE, LookupFailureMode.DEFER);
    final MemoryDomainStatsRepository domainStats = new MemoryDomainStatsRepository();
    /** Default settings but a throttle of 2 a minute, burst 1. */
    final DomainRates rates = new DomainRates(domainStats, RateSettings.defaults().withThrottle(2, 1, 1), clock);
    final MemoryUntrustedEventLog untrusted = new MemoryUntrustedEventLog();
    /** Every report trusted, nothing counted. */
    final ReportIngestion ingestion = ingestion(new TrustEvaluator(TrustSettings.none()), IngestMetrics.NONE);

    /** The flow on this store, shares its outbound cache with {@link #suppressed}. */
    ReportIngestion ingestion(TrustEvaluator trust, IngestMetrics metrics) {
        return new ReportIngestion(new SuppressionService(outage, outage, new SuppressionPolicy(PolicySettings.defaults(), clock), clock),
            untrusted, trust, Classifier.withDefaultRules(), rates, lookup, LocalPartMatching.CASE_INSENSITIVE, metrics, clock);
    }

    SuppressionCheck suppressedRecipients(LookupFailureMode onFailure) {
        return new SuppressionCheck(newLookup(), LocalPartMatching.CASE_INSENSITIVE, onFailure);
    }

    private CachingSuppressionLookup newLookup() {
        return new CachingSuppressionLookup(outage, clock, Duration.ofMinutes(5), 1024);
    }

    boolean isSuppressed(String address) {
        return repository.isSuppressed(AddressKey.of(address), NOW);
    }
}
