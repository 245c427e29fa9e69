package io.jamesbounce.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import io.jamesbounce.cli.StoreConnection.Access;
import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.BounceRecord;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.Report;
import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.core.policy.Outcome;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.SuppressionPolicy;
import io.jamesbounce.store.SuppressionService;
import io.jamesbounce.store.jdbc.SuppressionStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bounces scan}: a backlog of reports (a maildir, a folder of messages, mbox files) through
 * the whole pipeline a James server runs: analyse, classify, decide with the policy through
 * {@link SuppressionService}, store. Each report is keyed as the James mailet keys it
 * ({@link ReportIdentity}), so a backlog scanned twice, or reports James already saw, record nothing
 * twice. Ends with a summary on stdout; problems (unreadable messages, unusable recipients) are
 * named one per line on stderr.
 */
@Command(name = "scan", description = "A backlog of reports through the whole pipeline a James server runs: analyse, "
    + "classify, decide with the policy, store. Reports already recorded are not recorded twice.")
final class ScanCommand implements Callable<Integer> {
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
            SuppressionService service;
            if (dryRun) {
                DryRunRepository memory = new DryRunRepository(connection.eventHistory(), connection.allowlist());
                service = new SuppressionService(memory, memory, new SuppressionPolicy(PolicySettings.defaults(), env.clock()), env.clock());
            } else {
                service = new SuppressionService(connection.eventHistory(), connection.suppressionList(),
                    new SuppressionPolicy(PolicySettings.defaults(), env.clock()), env.clock());
            }
            Summary summary = scan(backlog, BounceAnalyzer.withDefaults(), service, env);
            env.out().print(summary.table(dryRun));
            return 0;
        } catch (SuppressionStoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    static Summary scan(Backlog backlog, BounceAnalyzer analyzer, SuppressionService service, CommandEnv env) throws IOException {
        Summary summary = new Summary();
        Progress progress = env.progress("scan", "msgs", backlog.totalBytes());
        backlog.forEach((name, bytes, done) -> {
            summary.messages++;
            Report report = analyzer.analyze(bytes);
            summary.reports.merge(report.kind(), 1L, Long::sum);
            switch (report.kind()) {
                case BOUNCE, FEEDBACK -> record(name, bytes, report, service, env, progress, summary);
                case UNPARSEABLE -> progress.message(name + ": unreadable: " + report.problem().orElse("-"));
                default -> {
                    // auto-replies and other mail: not reports, nothing to record
                }
            }
            progress.update(summary.messages, done);
        });
        progress.finish(summary.messages, backlog.totalBytes());
        return summary;
    }

    private static void record(String name, byte[] bytes, Report report, SuppressionService service, CommandEnv env,
                               Progress progress, Summary summary) {
        if (report.records().isEmpty()) {
            summary.reportsWithoutRecipient++;
            progress.message(name + ": " + "a " + report.kind().label() + " report (" + report.decoder() + ") naming no recipient");
            return;
        }
        ReportIdentity identity = ReportIdentity.of(bytes, env.clock().instant());
        EventSource source = report.kind() == ReportKind.FEEDBACK ? EventSource.ARF : EventSource.DSN;
        // As the James mailet does: of a recipient named twice, the record with a known cause is the one kept.
        List<BounceRecord> ordered = new ArrayList<>(report.records());
        ordered.sort(Comparator.comparing(r -> r.category() == Category.UNKNOWN));
        for (BounceRecord r : ordered) {
            summary.records.merge(r.category(), 1L, Long::sum);
            if (r.recipient().isEmpty()) {
                summary.skippedRecords++;
                progress.message(name + ": " + "record skipped: recipient redacted by the reporter");
                continue;
            }
            BounceEvent event;
            try {
                event = BounceEvent.from(r, source, identity.occurredAt(), identity.reportKey(), LocalPartMatching.CASE_INSENSITIVE);
            } catch (IllegalArgumentException e) {
                summary.skippedRecords++;
                progress.message(name + ": " + "record skipped: " + e.getMessage());
                continue;
            }
            Decision decision = service.record(event);
            summary.decisions.merge(decision.outcome(), 1L, Long::sum);
            if (decision.suppresses()) {
                summary.suppressed.add(event.recipient().value());
            }
        }
    }

}
