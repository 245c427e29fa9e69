package io.jamesbounce.james.extension;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.classify.Classifier;
import io.jamesbounce.core.decode.Decoders;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.core.policy.SuppressionPolicy;
import io.jamesbounce.core.trust.SentMessageLog;
import io.jamesbounce.core.trust.TrustEvaluator;
import io.jamesbounce.core.trust.TrustSettings;
import io.jamesbounce.core.verp.VerpScheme;
import io.jamesbounce.ingest.IngestMetrics;
import io.jamesbounce.ingest.ReportIngestion;
import io.jamesbounce.james.common.LookupFailureMode;
import io.jamesbounce.james.mailets.BounceMetrics;
import io.jamesbounce.store.Allowlist;
import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.CachingSuppressionLookup;
import io.jamesbounce.store.DomainRates;
import io.jamesbounce.store.DomainStatsRepository;
import io.jamesbounce.store.ImportLimit;
import io.jamesbounce.store.SuppressionAuditTrail;
import io.jamesbounce.store.SuppressionList;
import io.jamesbounce.store.SuppressionService;
import io.jamesbounce.store.UntrustedEventLog;
import io.jamesbounce.store.dashboard.DashboardData;

/**
 * What every backend shares: the settings from {@code conf/bounces.properties}, the analyzer, the
 * policy, the service and the cached lookup, and the store's parts, from the {@link JdbcBackend.Store}
 * that {@link EmbeddedStoreModule} or {@link PostgresStoreModule} binds; not listed in
 * {@code extensions.properties} itself. James' {@link Clock} and {@link FileSystem} are used.
 * The per-domain rates ({@link DomainRates}) count in this server and add up in the backend's
 * {@link DomainStatsRepository}; {@link DomainRateJob} and {@link RetentionJob} start with James.
 */
public class BounceServicesModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(BounceServicesModule.class);
    /** The bytes of recent reports the analyzer remembers, so that a matcher's reading serves the mailet after it. */
    static final long RECENT_REPORT_BYTES = 16L << 20;

    @Override
    protected void configure() {
        bind(DomainRateJob.class).asEagerSingleton();
        bind(RetentionJob.class).asEagerSingleton();
        bind(BounceMetrics.class).to(MetricBounceMetrics.class);
        bind(IngestMetrics.class).to(MetricBounceMetrics.class);
        bind(MetricBounceMetrics.class).in(Scopes.SINGLETON);
    }

    // the store's four views are one JdbcSuppressionRepository (one transaction for an event and the entry it decides);
    // each is bound on its own, so that a caller asks for the one it uses
    @Provides
    @Singleton
    SuppressionList suppressionList(JdbcBackend.Store store, MetricFactory metrics) {
        return new MeteredSuppressionList(store.jdbc().repository(), metrics);
    }

    @Provides
    @Singleton
    BounceEventHistory eventHistory(JdbcBackend.Store store, MetricFactory metrics) {
        return new MeteredBounceEventHistory(store.jdbc().repository(), metrics);
    }

    @Provides
    @Singleton
    SuppressionAuditTrail auditTrail(JdbcBackend.Store store) {
        return store.jdbc().repository();
    }

    @Provides
    @Singleton
    Allowlist allowlist(JdbcBackend.Store store) {
        return store.jdbc().repository();
    }

    @Provides
    @Singleton
    DomainStatsRepository domainStats(JdbcBackend.Store store) {
        return store.jdbc().domainStats();
    }

    @Provides
    @Singleton
    UntrustedEventLog untrustedEvents(JdbcBackend.Store store) {
        return store.jdbc().untrustedEvents();
    }

    @Provides
    @Singleton
    DashboardData dashboardData(JdbcBackend.Store store) {
        return store.jdbc().dashboard();
    }

    @Provides
    @Singleton
    DomainRates domainRates(DomainStatsRepository repository, BounceSettings settings, Clock clock) {
        return new DomainRates(repository, settings.rates().settings(), clock);
    }

    @Provides
    @Singleton
    BounceSettings settings(FileSystem fileSystem) {
        Path file;
        try {
            file = fileSystem.getFile(FileSystem.FILE_PROTOCOL_AND_CONF + BounceSettings.FILE_NAME).toPath();
        } catch (FileNotFoundException e) {
            LOGGER.info("no conf/{}: default bounce settings (secrets from the environment, if any)", BounceSettings.FILE_NAME);
            return BounceSettings.fromEnvironment();
        }
        BounceSettings settings = BounceSettings.load(file);
        LOGGER.info("bounce settings from {}: {}", file, settings);
        return settings;
    }

    @Provides
    @Singleton
    ImportLimit importLimit(BounceSettings settings) {
        return settings.importLimit();
    }

    @Provides
    @Singleton
    VerpScheme verpScheme(BounceSettings settings) {
        return settings.verp();
    }

    @Provides
    @Singleton
    SentMessageLog sentMessages(JdbcBackend.Store store) {
        return store.jdbc().sentMessages();
    }

    @Provides
    @Singleton
    TrustSettings trustSettings(BounceSettings settings, Clock clock, FileSystem fileSystem, SentMessageLog sent) {
        if (settings.uncheckedTrust()) {
            LOGGER.warn("trust.mode=unchecked: every bounce and complaint is believed, signed or not; anyone who can mail the "
                + "bounce addresses can suppress any address. Remove trust.mode to sign return paths.");
            return settings.trust(clock);
        }
        BounceSettings.VerpSigning signing = settings.verpSigning().orElseThrow();
        if (!signing.generatedKeys()) {
            return settings.trust(clock, Optional.empty(), Optional.of(sent));
        }
        if (settings.postgres().isPresent()) {
            throw new IllegalStateException("conf/" + BounceSettings.FILE_NAME + ": servers sharing a PostgreSQL store must share their "
                + "VERP signing key: set verp.signing-key (the same on every server; generate one with: openssl rand -base64 32)");
        }
        Path folder = settings.h2Directory().orElseGet(() -> varFolder(fileSystem));
        return settings.trust(clock, Optional.of(VerpKeyFile.loadOrCreate(folder.resolve(VerpKeyFile.RELATIVE_PATH), clock,
            signing.keyRotation())), Optional.of(sent));
    }

    private static Path varFolder(FileSystem fileSystem) {
        try {
            return fileSystem.getFile(FileSystem.FILE_PROTOCOL_AND_VAR).toPath();
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("James' var folder cannot be resolved", e);
        }
    }

    @Provides
    @Singleton
    TrustEvaluator trustEvaluator(TrustSettings trust) {
        return new TrustEvaluator(trust);
    }

    @Provides
    @Singleton
    LookupFailureMode lookupFailureMode(BounceSettings settings) {
        return settings.lookupOnFailure();
    }

    @Provides
    @Singleton
    LocalPartMatching localPartMatching(BounceSettings settings) {
        return settings.localPartMatching();
    }

    @Provides
    @Singleton
    Classifier classifier() {
        return Classifier.withDefaultRules();
    }

    @Provides
    @Singleton
    BounceAnalyzer analyzer(Classifier classifier, VerpScheme verp, BounceSettings settings) {
        // the report matchers and the mailets after them read each report once (16 MB of recent reports kept)
        return new BounceAnalyzer(settings.readLimits(), Decoders.all(), classifier, Optional.of(verp))
            .rememberingRecent(RECENT_REPORT_BYTES);
    }

    @Provides
    @Singleton
    SuppressionService suppressionService(BounceEventHistory events, SuppressionList suppressions, BounceSettings settings, Clock clock) {
        return new SuppressionService(events, suppressions, new SuppressionPolicy(settings.policy(), clock), clock);
    }

    @Provides
    @Singleton
    CachingSuppressionLookup lookup(SuppressionList suppressions, BounceSettings settings, Clock clock) {
        return new CachingSuppressionLookup(suppressions, clock, settings.cacheStaleness(), settings.cacheSize());
    }

    @Provides
    @Singleton
    ReportIngestion ingestion(SuppressionService service, UntrustedEventLog untrusted, TrustEvaluator trust, Classifier classifier,
                              DomainRates rates, CachingSuppressionLookup lookup, LocalPartMatching matching, IngestMetrics metrics,
                              Clock clock) {
        return new ReportIngestion(service, untrusted, trust, classifier, rates, lookup, matching, metrics, clock);
    }
}
