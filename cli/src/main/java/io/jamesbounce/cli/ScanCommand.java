package io.jamesbounce.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import io.jamesbounce.cli.StoreConnection.Access;
import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.classify.Classifier;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.Report;
import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.core.policy.Outcome;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.SuppressionPolicy;
import io.jamesbounce.core.rates.RateSettings;
import io.jamesbounce.core.trust.TrustEvaluator;
import io.jamesbounce.core.trust.TrustSettings;
import io.jamesbounce.ingest.IngestMetrics;
import io.jamesbounce.ingest.IngestOutcome;
import io.jamesbounce.ingest.RecipientOutcome;
import io.jamesbounce.ingest.ReportIngestion;
import io.jamesbounce.ingest.ReportReceipt;
import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.CachingSuppressionLookup;
import io.jamesbounce.store.DomainRates;
import io.jamesbounce.store.MemoryDomainStatsRepository;
import io.jamesbounce.store.MemoryUntrustedEventLog;
import io.jamesbounce.store.SuppressionList;
import io.jamesbounce.store.SuppressionService;
import io.jamesbounce.store.jdbc.SuppressionStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bounces scan}: a backlog of reports (a maildir, a folder of messages, mbox files) through
 * the whole pipeline a James server runs ({@link ReportIngestion}): analyse, classify, decide with
 * the policy, store. Each report is keyed as the James mailet keys it
 * ({@link ReportIdentity}), so a backlog scanned twice, or reports James already saw, record nothing
 * twice. Ends with a summary on stdout; problems (unreadable messages, unusable recipients) are
 * named one per line on stderr.
 */
@Command(name = "scan", description = "A backlog of reports through the whole pipeline a James server runs: analyse, "
    + "classify, decide with the policy, store. Reports already recorded are not recorded twice.")
final class ScanCommand implements Callable<Integer> {
    /** Who handed the reports over, for the domain rates: the operator's backlog. */
    private static final String BACKLOG = "backlog";
    private final CommandEnv env;
    @Mixin
    private StoreConnection.Options store;
    @Option(names = "--mbox", description = "split mbox files at their From lines")
    private boolean mbox;
    @Option(names = "--dry-run", description = "decide, count and print, but store nothing")
    private boolean dryRun;
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "a maildir, a folder of messages, message files or (with --mbox) mbox files")
    private List<String> paths;

    ScanCommand(CommandEnv env) {
        this.env = env;
    }

    /** The counts of one run. */
    static final class Summary {
        final Map<ReportKind, Long> reports = new EnumMap<>(ReportKind.class);
        final Map<Category, Long> records = new EnumMap<>(Category.class);
        final Map<Outcome, Long> decisions = new EnumMap<>(Outcome.class);
        final Set<String> suppressed = new HashSet<>();
        long messages;
        long skippedRecords;
        long reportsWithoutRecipient;

        void count(String name, RecipientOutcome outcome, Progress progress) {
            outcome.record().ifPresent(r -> records.merge(r.category(), 1L, Long::sum));
            outcome.skipped().ifPresent(reason -> {
                skippedRecords++;
                progress.message(name + ": record skipped: " + reason);
            });
            outcome.decision().ifPresent(d -> {
                decisions.merge(d.outcome(), 1L, Long::sum);
                if (d.suppresses()) {
                    suppressed.add(d.event().recipient().value());
                }
            });
        }

        String table(boolean dryRun) {
            TextTable t = new TextTable(80, false, true);
            t.row("messages", Long.toString(messages));
            t.row("");
            t.row("REPORTS BY KIND", "");
            for (ReportKind kind : ReportKind.values()) {
                t.row("  " + kind.label(), Long.toString(reports.getOrDefault(kind, 0L)));
            }
            t.row("");
            t.row("RECORDS BY CATEGORY", "");
            records.forEach((category, n) -> t.row("  " + category.label(), Long.toString(n)));
            t.row("  (recipient unusable, skipped)", Long.toString(skippedRecords));
            t.row("");
            t.row(dryRun ? "DECISIONS BY OUTCOME (dry run: nothing stored)" : "DECISIONS BY OUTCOME", "");
            decisions.forEach((outcome, n) -> t.row("  " + outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'), Long.toString(n)));
            t.row("");
            t.row(dryRun ? "addresses that would be suppressed" : "addresses suppressed", Long.toString(suppressed.size()));
            return t.toString();
        }
    }

    @Override
    public Integer call() throws UsageException, IOException {
        store.check();
        Backlog backlog = Backlog.of(paths, mbox, env.err());
        try (StoreConnection connection = StoreConnection.open(store, dryRun ? Access.READ : Access.WRITE, env.password(), env.err())) {
            BounceEventHistory events = connection.eventHistory();
            SuppressionList suppressions = connection.suppressionList();
            if (dryRun) {
                DryRunRepository memory = new DryRunRepository(connection.eventHistory(), connection.allowlist());
                events = memory;
                suppressions = memory;
            }
            Summary summary = scan(backlog, BounceAnalyzer.withDefaults(), ingestion(events, suppressions, env.clock()), env);
            env.out().print(summary.table(dryRun));
            return 0;
        } catch (SuppressionStoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The flow James runs, on the operator's store: every report believed (the operator chose the
     * backlog), the domain rates counted in memory only (old reports say nothing of today's rates),
     * no outbound cache to keep fresh beyond this run.
     */
    static ReportIngestion ingestion(BounceEventHistory events, SuppressionList suppressions, Clock clock) {
        return new ReportIngestion(new SuppressionService(events, suppressions, new SuppressionPolicy(PolicySettings.defaults(), clock), clock),
            new MemoryUntrustedEventLog(), new TrustEvaluator(TrustSettings.none()), Classifier.withDefaultRules(),
            new DomainRates(new MemoryDomainStatsRepository(), RateSettings.defaults(), clock),
            new CachingSuppressionLookup(suppressions, clock, Duration.ZERO, 1024), LocalPartMatching.CASE_INSENSITIVE,
            IngestMetrics.NONE, clock);
    }

    static Summary scan(Backlog backlog, BounceAnalyzer analyzer, ReportIngestion ingestion, CommandEnv env) throws IOException {
        Summary summary = new Summary();
        Progress progress = env.progress("scan", "msgs", backlog.totalBytes());
        backlog.forEach((name, bytes, done) -> {
            summary.messages++;
            Report report = analyzer.analyze(bytes);
            summary.reports.merge(report.kind(), 1L, Long::sum);
            if ((report.kind() == ReportKind.BOUNCE || report.kind() == ReportKind.FEEDBACK) && report.records().isEmpty()) {
                summary.reportsWithoutRecipient++;
            }
            ReportIdentity identity = ReportIdentity.of(bytes, env.clock().instant());
            ReportReceipt receipt = new ReportReceipt(identity.reportKey(), identity.occurredAt(), BACKLOG, List.of());
            IngestOutcome outcome = ingestion.ingest(report, receipt);
            outcome.recipients().forEach(r -> summary.count(name, r, progress));
            if (outcome instanceof IngestOutcome.Unreadable unreadable) {
                progress.message(name + ": " + (report.kind() == ReportKind.UNPARSEABLE ? "unreadable: " : "") + unreadable.cause());
            }
            progress.update(summary.messages, done);
        });
        progress.finish(summary.messages, backlog.totalBytes());
        return summary;
    }
}
