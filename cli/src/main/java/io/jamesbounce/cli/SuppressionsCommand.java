package io.jamesbounce.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.jamesbounce.cli.StoreConnection.Access;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.SuppressionPolicy;
import io.jamesbounce.store.AuditEntry;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.SuppressionDetails;
import io.jamesbounce.store.SuppressionList;
import io.jamesbounce.store.SuppressionPage;
import io.jamesbounce.store.SuppressionQuery;
import io.jamesbounce.store.SuppressionService;
import io.jamesbounce.store.UntrustedEvent;
import io.jamesbounce.store.exchange.RowReader;
import io.jamesbounce.store.exchange.SuppressionImport;
import io.jamesbounce.store.exchange.SuppressionListFormat;
import io.jamesbounce.store.exchange.SuppressionWriter;
import io.jamesbounce.store.jdbc.JdbcUntrustedEventLog;
import io.jamesbounce.store.jdbc.SuppressionStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bounces suppressions list|show|add|remove|export|import}: the suppression list of the
 * embedded H2 store or of PostgreSQL, for an operator. Manual changes go through
 * {@link SuppressionService}, so they are audited and logged exactly as WebAdmin's are; export and
 * import stream through {@link SuppressionListFormat}, the same forms WebAdmin serves.
 */
@Command(name = "suppressions", description = "The suppression list of the embedded store or of PostgreSQL.",
    subcommands = {SuppressionsCommand.ListCommand.class, SuppressionsCommand.ShowCommand.class, SuppressionsCommand.AddCommand.class,
        SuppressionsCommand.RemoveCommand.class, SuppressionsCommand.ExportCommand.class, SuppressionsCommand.ImportCommand.class})
final class SuppressionsCommand implements Callable<Integer> {
    /** Events `show` prints per address, the newest. */
    static final int SHOWN_EVENTS = 1000;

    static final int DEFAULT_LIMIT = 50;
    /** Rows per {@link SuppressionList#importSuppressions} call: progress and failure are reported per batch. */
    static final int IMPORT_BATCH = 1000;
    private static final int DIAGNOSTIC_WIDTH = 60;

    @Override
    public Integer call() throws UsageException {
        throw new UsageException("suppressions needs a subcommand: list, show, add, remove, export or import");
    }

    // ---- list

    @Command(name = "list", description = "The list in address order, filtered, a page at a time.")
    static final class ListCommand implements Callable<Integer> {
        private final CommandEnv env;
        @Mixin
        private StoreConnection.Options store;
        @Option(names = "--address", paramLabel = "A", converter = Converters.Address.class, description = "this address only")
        private Optional<AddressKey> address = Optional.empty();
        @Option(names = "--domain", paramLabel = "D", converter = Converters.Domain.class, description = "addresses at this domain")
        private Optional<String> domain = Optional.empty();
        @Option(names = "--category", paramLabel = "C", converter = Converters.CategoryLabel.class, description = "e.g. user-unknown, complaint")
        private Optional<Category> category = Optional.empty();
        @Option(names = "--source", paramLabel = "S", converter = Converters.SourceLabel.class,
            description = "dsn, arf, synchronous-delivery-failure, manual or import")
        private Optional<EventSource> source = Optional.empty();
        @Option(names = "--from", paramLabel = "DATE", converter = Converters.Time.class, description = "suppressed at or after (a date or a time)")
        private Optional<Instant> from = Optional.empty();
        @Option(names = "--to", paramLabel = "DATE", converter = Converters.Time.class, description = "suppressed before (exclusive)")
        private Optional<Instant> to = Optional.empty();
        @Option(names = "--limit", paramLabel = "N", description = "entries per page, 1 to " + SuppressionQuery.MAX_LIMIT + " (default: ${DEFAULT-VALUE})")
        private int limit = DEFAULT_LIMIT;
        @Option(names = "--after", paramLabel = "ADDRESS", converter = Converters.Address.class, description = "the page after this address")
        private Optional<AddressKey> after = Optional.empty();
        @Option(names = "--page", paramLabel = "N", description = "the Nth page (default: 1)")
        private int page = 1;

        ListCommand(CommandEnv env) {
            this.env = env;
        }

        @Override
        public Integer call() throws UsageException, IOException {
            if (limit < 1 || limit > SuppressionQuery.MAX_LIMIT) {
                throw new UsageException("--limit must be a number from 1 to " + SuppressionQuery.MAX_LIMIT + ": " + limit);
            }
            if (page < 1) {
                throw new UsageException("--page must be 1 or more: " + page);
            }
            if (after.isPresent() && page > 1) {
                throw new UsageException("give --after or --page, not both");
            }
            SuppressionQuery query = new SuppressionQuery(domain, category, source, from, to, after, limit);
            try (StoreConnection connection = StoreConnection.open(store, Access.READ, env.password(), env.err())) {
                SuppressionList suppressions = connection.suppressionList();
                Instant now = env.clock().instant();
                if (address.isPresent()) {
                    List<Suppression> found = suppressions.find(address.get()).filter(query::matches).stream().toList();
                    env.out().print(table(found, now));
                    env.out().println(found.size() + (found.size() == 1 ? " entry" : " entries"));
                    return 0;
                }
                for (int p = 1; p < page; p++) {
                    Optional<AddressKey> next = suppressions.search(query).next();
                    if (next.isEmpty()) {
                        env.out().println("no page " + page + ": the list has " + p + (p == 1 ? " page" : " pages") + " of " + limit);
                        return 0;
                    }
                    query = withAfter(query, next.get());
                }
                SuppressionPage result = suppressions.search(query);
                env.out().print(table(result.items(), now));
                env.out().println(result.items().size() + (result.items().size() == 1 ? " entry" : " entries")
                    + result.next().map(n -> "; next page: --after " + n).orElse("; last page"));
                return 0;
            }
        }
    }

    private static SuppressionQuery withAfter(SuppressionQuery q, AddressKey after) {
        return new SuppressionQuery(q.domain(), q.category(), q.source(), q.from(), q.to(), Optional.of(after), q.limit());
    }

    private static String table(List<Suppression> entries, Instant now) {
        TextTable table = new TextTable(DIAGNOSTIC_WIDTH);
        table.row("ADDRESS", "CATEGORY", "SOURCE", "RULE", "SUPPRESSED", "EXPIRES", "STATUS", "REPLY", "DIAGNOSTIC");
        for (Suppression s : entries) {
            table.row(s.address().value(), s.category().label(), s.source().label(), s.ruleId(),
                time(s.suppressedAt()), expiry(s, now), s.status().map(Object::toString).orElse("-"),
                s.replyCode().map(Object::toString).orElse("-"), s.diagnostic().orElse("-"));
        }
        return table.toString();
    }

    private static String expiry(Suppression s, Instant now) {
        return s.expiresAt().map(e -> time(e) + (s.isActiveAt(now) ? "" : " (expired)")).orElse("never");
    }

    // ---- show

    @Command(name = "show", description = "One address: its entry, every event behind it, untrusted reports, the audit trail.")
    static final class ShowCommand implements Callable<Integer> {
        private final CommandEnv env;
        @Mixin
        private StoreConnection.Options store;
        @Parameters(paramLabel = "ADDRESS", converter = Converters.Address.class)
        private AddressKey key;

        ShowCommand(CommandEnv env) {
            this.env = env;
        }

        @Override
        public Integer call() throws UsageException, IOException {
            try (StoreConnection connection = StoreConnection.open(store, Access.READ, env.password(), env.err())) {
                // the newest events only: an address's history is bounded by retention, its listing by this
                SuppressionDetails details = SuppressionDetails.read(key, SHOWN_EVENTS, connection.suppressionList(), connection.eventHistory(),
                    connection.auditTrail());
                Instant now = env.clock().instant();
                PrintStream out = env.out();
                out.println("address      " + key);
                if (details.suppression().isEmpty()) {
                    out.println("suppressed   no");
                } else {
                    Suppression s = details.suppression().get();
                    out.println("suppressed   " + (s.isActiveAt(now) ? "yes" : "no, expired") + ", since " + time(s.suppressedAt())
                        + ", expires " + s.expiresAt().map(SuppressionsCommand::time).orElse("never"));
                    out.println("category     " + s.category().label());
                    out.println("source       " + s.source().label());
                    out.println("rule         " + s.ruleId());
                    field(out, "", "report", s.reportKey());
                    field(out, "", "reply code", s.replyCode().map(Object::toString));
                    field(out, "", "status", s.status().map(Object::toString));
                    field(out, "", "diagnostic", s.diagnostic());
                    field(out, "", "reporting", s.reportingMta());
                    field(out, "", "original", s.originalMessageId());
                }
                out.println("allowlisted  " + (connection.allowlist().isAllowlisted(key) ? "yes (never suppressed by the policy)" : "no"));
                out.println();
                out.println("events (" + details.events().size() + ")");
                for (BounceEvent e : details.events()) {
                    out.println("  " + time(e.occurredAt()) + "  " + e.source().label() + "  " + e.category().label()
                        + "  rule " + e.ruleId());
                    out.println("    " + String.format("%-13s", "report") + e.reportKey());
                    field(out, "    ", "reply code", e.replyCode().map(Object::toString));
                    field(out, "    ", "status", e.status().map(Object::toString));
                    field(out, "    ", "diagnostic", e.diagnostic());
                    field(out, "    ", "reporting", e.reportingMta());
                    field(out, "    ", "original", e.originalMessageId());
                    field(out, "    ", "feedback", e.feedbackType().map(f -> f.token()));
                }
                untrusted(out, connection, key);
                out.println();
                out.println("audit (" + details.audit().size() + ")");
                for (AuditEntry entry : details.audit()) {
                    out.println("  " + time(entry.change().at()) + "  " + entry.action().name().toLowerCase(Locale.ROOT) + " by "
                        + entry.change().actor() + ": " + entry.change().reason() + "  (" + entry.category().label() + ", "
                        + entry.source().label() + ")");
                }
                return 0;
            }
        }
    }

    /** Reports about the address that could not be authenticated: they suppressed nothing, and say why. */
    private static void untrusted(PrintStream out, StoreConnection connection, AddressKey key) {
        List<UntrustedEvent> events;
        try {
            events = JdbcUntrustedEventLog.existing(connection.dataSource()).events(key);
        } catch (SuppressionStoreException e) {
            // a store James has not migrated to schema version 3 yet has no such table
            out.println();
            out.println("untrusted reports: not recorded in this store (" + e.getMessage() + ")");
            return;
        }
        out.println();
        out.println("untrusted reports (" + events.size() + "; they suppressed nothing)");
        for (UntrustedEvent u : events) {
            BounceEvent e = u.event();
            out.println("  " + time(u.recordedAt()) + "  " + e.source().label() + "  " + e.category().label()
                + "  " + u.reason().name().toLowerCase(Locale.ROOT));
            out.println("    " + String.format("%-13s", "why") + u.detail());
            out.println("    " + String.format("%-13s", "report") + e.reportKey());
            field(out, "    ", "diagnostic", e.diagnostic());
            field(out, "    ", "reporting", e.reportingMta());
        }
    }

    /** A labelled value, verbatim; lines after the first are indented under it. */
    private static void field(PrintStream out, String indent, String label, Optional<String> value) {
        value.ifPresent(v -> out.println(indent + String.format("%-13s", label) + v.replace("\n", "\n" + indent + " ".repeat(13))));
    }

    // ---- add, remove

    /** Who changes the list and why: required by both, written to the audit trail. */
    static final class Audit {
        @Option(names = "--actor", paramLabel = "WHO", required = true, description = "who is changing the list")
        private String who;
        @Option(names = "--reason", paramLabel = "WHY", required = true, description = "why, for the audit trail")
        private String why;

        String who() throws UsageException {
            return nonBlank("--actor", who);
        }

        String why() throws UsageException {
            return nonBlank("--reason", why);
        }
    }

    @Command(name = "add", description = "Suppresses an address by hand, for good; audited with who and why.")
    static final class AddCommand implements Callable<Integer> {
        private final CommandEnv env;
        @Mixin
        private StoreConnection.Options store;
        @Parameters(paramLabel = "ADDRESS", converter = Converters.Address.class)
        private AddressKey key;
        @Option(names = "--category", paramLabel = "C", required = true, converter = Converters.CategoryLabel.class,
            description = "e.g. complaint, user-unknown")
        private Category c;
        @Mixin
        private Audit audit;

        AddCommand(CommandEnv env) {
            this.env = env;
        }

        @Override
        public Integer call() throws UsageException, IOException {
            String who = audit.who();
            String why = audit.why();
            try (StoreConnection connection = StoreConnection.open(store, Access.WRITE, env.password(), env.err())) {
                Optional<Suppression> before = connection.suppressionList().find(key);
                service(connection, env).suppressManually(key, c, who, why);
                // the operator's word replaces whatever entry there was: say what it replaced
                String replaced = before.map(s -> "; it replaces the entry " + s.category().label() + ", " + s.source().label()
                    + ", since " + time(s.suppressedAt())).orElse("");
                env.out().println("suppressed " + key + " (" + c.label() + ", manual, never expires); audited: added by " + who + ": " + why
                    + replaced);
                return 0;
            }
        }
    }

    @Command(name = "remove", description = "Lifts a suppression; audited with who and why. Asks to confirm on a terminal.")
    static final class RemoveCommand implements Callable<Integer> {
        private final CommandEnv env;
        @Mixin
        private StoreConnection.Options store;
        @Parameters(paramLabel = "ADDRESS", converter = Converters.Address.class)
        private AddressKey key;
        @Mixin
        private Audit audit;
        @Option(names = "--yes", description = "do not ask (required without a terminal)")
        private boolean confirmed;

        RemoveCommand(CommandEnv env) {
            this.env = env;
        }

        @Override
        public Integer call() throws UsageException, IOException {
            String who = audit.who();
            String why = audit.why();
            if (!confirmed && !env.terminal()) {
                throw new UsageException("remove lifts a suppression: confirm with --yes (there is no terminal to ask on)");
            }
            try (StoreConnection connection = StoreConnection.open(store, Access.WRITE, env.password(), env.err())) {
                Optional<Suppression> entry = connection.suppressionList().find(key);
                if (entry.isEmpty()) {
                    env.err().println("no suppression for " + key + ": nothing removed, nothing audited");
                    return 1;
                }
                Suppression s = entry.get();
                env.err().println("removing " + key + ": " + s.category().label() + ", " + s.source().label() + ", rule "
                    + s.ruleId() + ", since " + time(s.suppressedAt()) + s.diagnostic().map(d -> ", \"" + d + "\"").orElse(""));
                if (!confirmed && !confirmedOnTerminal(key, env)) {
                    env.err().println("not confirmed: nothing removed");
                    return 1;
                }
                if (!service(connection, env).remove(key, who, why)) {
                    env.err().println("no suppression for " + key + " any more (removed meanwhile): nothing audited");
                    return 1;
                }
                env.out().println("removed " + key + "; audited: removed by " + who + ": " + why
                    + ". It is suppressed again if it bounces again.");
                return 0;
            }
        }
    }

    private static boolean confirmedOnTerminal(AddressKey key, CommandEnv env) throws IOException {
        env.err().print("type the address again to confirm: ");
        env.err().flush();
        String answer = new BufferedReader(new InputStreamReader(env.in(), StandardCharsets.UTF_8)).readLine();
        try {
            return answer != null && AddressKey.of(answer.trim()).equals(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static SuppressionService service(StoreConnection connection, CommandEnv env) {
        return new SuppressionService(connection.eventHistory(), connection.suppressionList(), new SuppressionPolicy(PolicySettings.defaults(), env.clock()), env.clock());
    }

    // ---- export, import

    @Command(name = "export", description = "The whole list, streamed, in the form WebAdmin serves and import reads.")
    static final class ExportCommand implements Callable<Integer> {
        private final CommandEnv env;
        @Mixin
        private StoreConnection.Options store;
        @Option(names = "--format", paramLabel = "csv|jsonl", converter = Converters.ListFormat.class,
            description = "default: from the --output file's extension")
        private Optional<SuppressionListFormat> format = Optional.empty();
        @Option(names = "--output", paramLabel = "FILE", description = "written whole or not at all (default: standard output)")
        private Optional<Path> output = Optional.empty();

        ExportCommand(CommandEnv env) {
            this.env = env;
        }

        @Override
        public Integer call() throws UsageException, IOException {
            Optional<Path> target = output;
            SuppressionListFormat f = format.or(() -> target.flatMap(SuppressionsCommand::formatOf))
                .orElseThrow(() -> new UsageException("export needs --format csv or jsonl"));
            try (StoreConnection connection = StoreConnection.open(store, Access.READ, env.password(), env.err())) {
                long start = env.nanoTime().getAsLong();
                Progress progress = env.progress("export", "rows", 0);
                long[] count = {0};
                // Written next to the target and moved over it at the end: never a half-written list under the real name.
                Optional<Path> partial = output.map(o -> o.toAbsolutePath().resolveSibling(o.getFileName() + ".part"));
                Writer writer = partial.isPresent() ? Files.newBufferedWriter(partial.get(), StandardCharsets.UTF_8)
                    : new BufferedWriter(new OutputStreamWriter(env.out(), StandardCharsets.UTF_8), 1 << 16);
                try {
                    SuppressionWriter entries = f.writer(writer);
                    connection.suppressionList().forEachSuppression(s -> {
                        try {
                            entries.write(s);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        progress.update(++count[0], 0);
                    });
                    writer.flush();
                    if (partial.isPresent()) {
                        writer.close();
                        Files.move(partial.get(), output.get(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    }
                } catch (UncheckedIOException e) {
                    throw new IOException("cannot write the export: " + e.getCause().getMessage(), e.getCause());
                } finally {
                    if (partial.isPresent()) {
                        writer.close();
                        Files.deleteIfExists(partial.get());
                    }
                }
                progress.finish(count[0], 0);
                double seconds = Math.max(1e-9, (env.nanoTime().getAsLong() - start) / 1e9);
                String summary = String.format(Locale.ROOT, "exported %,d entries as %s%s in %.1f s (%,.0f rows/s)", count[0], f.label(),
                    output.map(o -> " to " + o).orElse(""), seconds, count[0] / seconds);
                (output.isPresent() ? env.out() : env.err()).println(summary);
                return 0;
            }
        }
    }

    @Command(name = "import", description = "Entries from an export (ours, or a provider's with --from) into a store, "
        + "or into a running James over WebAdmin. Entries already present are left as they are.")
    static final class ImportCommand implements Callable<Integer> {
        private final CommandEnv env;
        @Mixin
        private StoreConnection.Options store;
        @Option(names = "--format", paramLabel = "csv|jsonl", converter = Converters.ListFormat.class,
            description = "default: from the file's extension")
        private Optional<SuppressionListFormat> format = Optional.empty();
        @Option(names = "--from", paramLabel = "PROVIDER", converter = Converters.ProviderName.class,
            description = "ses, sendgrid, mailgun, postmark or auto: that provider's own export")
        private Optional<Optional<ProviderExport.Provider>> from = Optional.empty();
        @Option(names = "--webadmin", paramLabel = "URL", converter = Converters.WebAdminUrl.class,
            description = "a running James' WebAdmin, e.g. http://127.0.0.1:8000; its JWT, if any, from " + WebAdminImport.TOKEN_VARIABLE)
        private Optional<URI> webAdmin = Optional.empty();
        @Option(names = "--part-rows", paramLabel = "N", description = "rows per WebAdmin request (default: " + WebAdminImport.DEFAULT_PART_ROWS + ")")
        private Optional<Integer> partRows = Optional.empty();
        @Parameters(paramLabel = "FILE", description = "the export; - for standard input")
        private String name;

        ImportCommand(CommandEnv env) {
            this.env = env;
        }

        @Override
        public Integer call() throws UsageException, IOException {
            if (partRows.isPresent() && (partRows.get() < 1 || partRows.get() > 1_000_000)) {
                throw new UsageException("--part-rows must be a number from 1 to 1000000: " + partRows.get());
            }
            if (webAdmin.isPresent() && store.given()) {
                throw new UsageException("import goes either to a store (--h2, --jdbc) or to a running James (--webadmin), not both");
            }
            if (partRows.isPresent() && webAdmin.isEmpty()) {
                throw new UsageException("--part-rows applies to --webadmin only");
            }
            if (from.isPresent() && format.isPresent()) {
                throw new UsageException("--from reads the provider's own format: drop --format");
            }
            Optional<ProviderExport.Converted> converted = Optional.empty();
            SuppressionListFormat f;
            long size;
            CountingInputStream in;
            if (from.isPresent()) {
                byte[] export = name.equals("-") ? env.in().readAllBytes() : Files.readAllBytes(Path.of(name));
                ProviderExport.Converted c = ProviderExport.convert(export, from.get(), LocalPartMatching.CASE_INSENSITIVE, env.clock().instant());
                for (String rejected : c.rejected()) {
                    env.err().println(name + ": " + c.provider().label() + " " + rejected);
                }
                byte[] csv = c.csv().getBytes(StandardCharsets.UTF_8);
                converted = Optional.of(c);
                f = SuppressionListFormat.CSV;
                size = csv.length;
                in = new CountingInputStream(new ByteArrayInputStream(csv));
            } else {
                f = format.or(() -> name.equals("-") ? Optional.empty() : formatOf(Path.of(name)))
                    .orElseThrow(() -> new UsageException("import needs --format csv or jsonl"));
                // the file first: a missing one must not leave a new, empty H2 store behind
                size = name.equals("-") ? 0 : Files.size(Path.of(name));
                in = new CountingInputStream(name.equals("-") ? env.in() : Files.newInputStream(Path.of(name)));
            }
            Optional<ProviderExport.Converted> fromProvider = converted;
            try (in) {
                if (webAdmin.isPresent()) {
                    WebAdminImport target = new WebAdminImport(webAdmin.get(), env.webAdminToken(),
                        partRows.orElse(WebAdminImport.DEFAULT_PART_ROWS));
                    return importRows(name, in, size, f, env, target.partRows(), target::importPart, "the part", fromProvider);
                }
                try (StoreConnection connection = StoreConnection.open(store, Access.WRITE, env.password(), env.err())) {
                    SuppressionList suppressions = connection.suppressionList();
                    return importRows(name, in, size, f, env, IMPORT_BATCH, batch -> {
                        try {
                            return suppressions.importSuppressions(batch.iterator());
                        } catch (SuppressionStoreException e) {
                            throw new IOException(e.getMessage(), e);
                        }
                    }, "the batch", fromProvider);
                }
            }
        }
    }

    /** Where the rows of an import go, a batch at a time. @return how many were new */
    @FunctionalInterface
    private interface BatchTarget {
        long store(List<Suppression> batch) throws IOException;
    }

    private static int importRows(String name, CountingInputStream in, long size, SuppressionListFormat f, CommandEnv env, int batchSize,
                                  BatchTarget target, String unit, Optional<ProviderExport.Converted> fromProvider) throws IOException {
        // bytes that are not UTF-8 become U+FFFD, and the codec rejects that record on its own line
        InputStreamReader text = new InputStreamReader(in, StandardCharsets.UTF_8);
        RowReader rows = f.reader(text, LocalPartMatching.CASE_INSENSITIVE, env.clock().instant());
        Progress progress = env.progress("import", "rows", size);
        SuppressionImport.Totals totals;
        try {
            totals = SuppressionImport.run(rows, batchSize, (batch, lastLine, importedBefore) -> {
                try {
                    return target.store(batch);
                } catch (IOException e) {
                    throw new IOException(e.getMessage() + "; " + unit + " ending at line " + lastLine + " was not imported, "
                        + importedBefore + " entries before it were", e);
                }
            }, new SuppressionImport.Listener() {
                @Override
                public void rejected(long line, String reason) {
                    env.err().println(name + ":" + line + ": " + reason);
                }

                @Override
                public void progress(long read) {
                    progress.update(read, in.count());
                }
            });
        } catch (SuppressionImport.ReadFailure e) {
            throw new IOException(name + ": " + e.getMessage(), e.getCause());
        }
        progress.finish(totals.read(), in.count());
        long read = fromProvider.map(c -> (long) c.read()).orElse(totals.read());
        long rejected = totals.rejected() + fromProvider.map(c -> (long) c.rejected().size()).orElse(0L);
        TextTable summary = new TextTable(80, false, true);
        fromProvider.ifPresent(c -> summary.row("from", c.provider().label()));
        summary.row("rows read", Long.toString(read));
        summary.row("imported", Long.toString(totals.imported()));
        summary.row("already present", Long.toString(totals.alreadyPresent()));
        summary.row("rejected", Long.toString(rejected));
        env.out().print(summary);
        if (rejected > 0) {
            env.out().println("rejected rows are listed on stderr with their line; fix them and import the file again "
                + "(entries already present are left as they are)");
        }
        return rejected > 0 ? 1 : 0;
    }

    private static Optional<SuppressionListFormat> formatOf(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : SuppressionListFormat.of(name.substring(dot + 1));
    }

    /** Counts the bytes read: the progress of an import through its file. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }

    // ---- values

    private static String nonBlank(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + " must not be blank");
        }
        return value;
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
