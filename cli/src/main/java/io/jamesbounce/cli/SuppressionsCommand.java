package io.jamesbounce.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.cli.Main.UsageException;
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
import io.jamesbounce.store.SuppressionCodec;
import io.jamesbounce.store.SuppressionCodec.Format;
import io.jamesbounce.store.SuppressionCodec.RowReader;
import io.jamesbounce.store.SuppressionDetails;
import io.jamesbounce.store.SuppressionImport;
import io.jamesbounce.store.SuppressionPage;
import io.jamesbounce.store.SuppressionQuery;
import io.jamesbounce.store.SuppressionRepository;
import io.jamesbounce.store.SuppressionService;
import io.jamesbounce.store.UntrustedEvent;
import io.jamesbounce.store.jdbc.JdbcUntrustedEventLog;
import io.jamesbounce.store.jdbc.SuppressionStoreException;

/**
 * {@code bounces suppressions list|show|add|remove|export|import}: the suppression list of the
 * embedded H2 store or of PostgreSQL, for an operator. Manual changes go through
 * {@link SuppressionService}, so they are audited and logged exactly as WebAdmin's are; export and
 * import stream through {@link SuppressionCodec}, the same forms WebAdmin serves.
 */
final class SuppressionsCommand {
    /** Events `show` prints per address, the newest. */
    static final int SHOWN_EVENTS = 1000;

    static final int DEFAULT_LIMIT = 50;
    /** Rows per {@link SuppressionRepository#importSuppressions} call: progress and failure are reported per batch. */
    static final int IMPORT_BATCH = 1000;
    private static final int DIAGNOSTIC_WIDTH = 60;

    private SuppressionsCommand() {
    }

    static int run(List<String> args, CommandEnv env) throws UsageException, IOException {
        if (args.isEmpty()) {
            throw new UsageException("suppressions needs a subcommand: list, show, add, remove, export or import");
        }
        Args rest = new Args(args.subList(1, args.size()));
        try {
            return switch (args.get(0)) {
                case "list" -> list(rest, env);
                case "show" -> show(rest, env);
                case "add" -> add(rest, env);
                case "remove" -> remove(rest, env);
                case "export" -> export(rest, env);
                case "import" -> importList(rest, env);
                default -> throw new UsageException("unknown subcommand suppressions " + args.get(0));
            };
        } catch (SuppressionStoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    // ---- list

    private static int list(Args args, CommandEnv env) throws UsageException, IOException {
        StoreConnection.Options store = new StoreConnection.Options();
        Optional<AddressKey> address = Optional.empty();
        Optional<String> domain = Optional.empty();
        Optional<Category> category = Optional.empty();
        Optional<EventSource> source = Optional.empty();
        Optional<Instant> from = Optional.empty();
        Optional<Instant> to = Optional.empty();
        Optional<AddressKey> after = Optional.empty();
        int limit = DEFAULT_LIMIT;
        int page = 1;
        while (args.hasNext()) {
            String a = args.next();
            if (store.accept(a, args)) {
                continue;
            }
            switch (a) {
                case "--address" -> address = Optional.of(address(args.value(a)));
                case "--domain" -> domain = Optional.of(domain(args.value(a)));
                case "--category" -> category = Optional.of(category(args.value(a)));
                case "--source" -> source = Optional.of(source(args.value(a)));
                case "--from" -> from = Optional.of(time(a, args.value(a)));
                case "--to" -> to = Optional.of(time(a, args.value(a)));
                case "--limit" -> limit = args.intValue(a, 1, SuppressionQuery.MAX_LIMIT);
                case "--after" -> after = Optional.of(address(args.value(a)));
                case "--page" -> page = args.intValue(a, 1, Integer.MAX_VALUE);
                default -> throw new UsageException("unknown option " + a);
            }
        }
        if (after.isPresent() && page > 1) {
            throw new UsageException("give --after or --page, not both");
        }
        SuppressionQuery query = new SuppressionQuery(domain, category, source, from, to, after, limit);
        try (StoreConnection connection = StoreConnection.open(store, Access.READ, env.password(), env.err())) {
            SuppressionRepository repository = connection.repository();
            Instant now = env.clock().instant();
            if (address.isPresent()) {
                List<Suppression> found = repository.find(address.get()).filter(query::matches).stream().toList();
                env.out().print(table(found, now));
                env.out().println(found.size() + (found.size() == 1 ? " entry" : " entries"));
                return 0;
            }
            for (int p = 1; p < page; p++) {
                Optional<AddressKey> next = repository.search(query).next();
                if (next.isEmpty()) {
                    env.out().println("no page " + page + ": the list has " + p + (p == 1 ? " page" : " pages") + " of " + limit);
                    return 0;
                }
                query = withAfter(query, next.get());
            }
            SuppressionPage result = repository.search(query);
            env.out().print(table(result.items(), now));
            env.out().println(result.items().size() + (result.items().size() == 1 ? " entry" : " entries")
                + result.next().map(n -> "; next page: --after " + n).orElse("; last page"));
            return 0;
        }
    }

    private static SuppressionQuery withAfter(SuppressionQuery q, AddressKey after) {
        return new SuppressionQuery(q.domain(), q.category(), q.source(), q.from(), q.to(), Optional.of(after), q.limit());
    }

    private static String table(List<Suppression> entries, Instant now) {
        TextTable table = new TextTable(DIAGNOSTIC_WIDTH);
        table.row("ADDRESS", "CATEGORY", "SOURCE", "RULE", "SUPPRESSED", "EXPIRES", "STATUS", "REPLY", "DIAGNOSTIC");
        for (Suppression s : entries) {
            table.row(s.address().value(), s.category().label(), SuppressionCodec.label(s.source()), s.ruleId(),
                time(s.suppressedAt()), expiry(s, now), s.status().map(Object::toString).orElse("-"),
                s.replyCode().map(Object::toString).orElse("-"), s.diagnostic().orElse("-"));
        }
        return table.toString();
    }

    private static String expiry(Suppression s, Instant now) {
        return s.expiresAt().map(e -> time(e) + (s.isActiveAt(now) ? "" : " (expired)")).orElse("never");
    }

    // ---- show

    private static int show(Args args, CommandEnv env) throws UsageException, IOException {
        StoreConnection.Options store = new StoreConnection.Options();
        Optional<AddressKey> address = Optional.empty();
        while (args.hasNext()) {
            String a = args.next();
            if (!store.accept(a, args)) {
                address = positional(a, address);
            }
        }
        AddressKey key = address.orElseThrow(() -> new UsageException("show needs an ADDRESS"));
        try (StoreConnection connection = StoreConnection.open(store, Access.READ, env.password(), env.err())) {
            SuppressionRepository repository = connection.repository();
            // the newest events only: an address's history is bounded by retention, its listing by this
            SuppressionDetails details = repository.details(key, SHOWN_EVENTS);
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
                out.println("source       " + SuppressionCodec.label(s.source()));
                out.println("rule         " + s.ruleId());
                field(out, "", "report", s.reportKey());
                field(out, "", "reply code", s.replyCode().map(Object::toString));
                field(out, "", "status", s.status().map(Object::toString));
                field(out, "", "diagnostic", s.diagnostic());
                field(out, "", "reporting", s.reportingMta());
                field(out, "", "original", s.originalMessageId());
            }
            out.println("allowlisted  " + (repository.isAllowlisted(key) ? "yes (never suppressed by the policy)" : "no"));
            out.println();
            out.println("events (" + details.events().size() + ")");
            for (BounceEvent e : details.events()) {
                out.println("  " + time(e.occurredAt()) + "  " + SuppressionCodec.label(e.source()) + "  " + e.category().label()
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
                    + SuppressionCodec.label(entry.source()) + ")");
            }
            return 0;
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
            out.println("  " + time(u.recordedAt()) + "  " + SuppressionCodec.label(e.source()) + "  " + e.category().label()
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

    private static int add(Args args, CommandEnv env) throws UsageException, IOException {
        StoreConnection.Options store = new StoreConnection.Options();
        Optional<AddressKey> address = Optional.empty();
        Optional<Category> category = Optional.empty();
        Optional<String> actor = Optional.empty();
        Optional<String> reason = Optional.empty();
        while (args.hasNext()) {
            String a = args.next();
            if (store.accept(a, args)) {
                continue;
            }
            switch (a) {
                case "--category" -> category = Optional.of(category(args.value(a)));
                case "--actor" -> actor = Optional.of(nonBlank(a, args.value(a)));
                case "--reason" -> reason = Optional.of(nonBlank(a, args.value(a)));
                default -> address = positional(a, address);
            }
        }
        AddressKey key = address.orElseThrow(() -> new UsageException("add needs an ADDRESS"));
        Category c = category.orElseThrow(() -> new UsageException("add needs --category"));
        String who = actor.orElseThrow(() -> new UsageException("add needs --actor (who is changing the list)"));
        String why = reason.orElseThrow(() -> new UsageException("add needs --reason"));
        try (StoreConnection connection = StoreConnection.open(store, Access.WRITE, env.password(), env.err())) {
            SuppressionRepository repository = connection.repository();
            Optional<Suppression> before = repository.find(key);
            service(repository, env).suppressManually(key, c, who, why);
            if (before.filter(Suppression::isPermanent).isPresent()) {
                Suppression s = before.get();
                env.out().println(key + " was already suppressed for good since " + time(s.suppressedAt()) + " (" + s.category().label()
                    + ", " + SuppressionCodec.label(s.source()) + "): the entry is kept, the addition audited");
            } else {
                env.out().println("suppressed " + key + " (" + c.label() + ", manual, never expires); audited: added by " + who + ": " + why);
            }
            return 0;
        }
    }

    private static int remove(Args args, CommandEnv env) throws UsageException, IOException {
        StoreConnection.Options store = new StoreConnection.Options();
        Optional<AddressKey> address = Optional.empty();
        Optional<String> actor = Optional.empty();
        Optional<String> reason = Optional.empty();
        boolean confirmed = false;
        while (args.hasNext()) {
            String a = args.next();
            if (store.accept(a, args)) {
                continue;
            }
            switch (a) {
                case "--actor" -> actor = Optional.of(nonBlank(a, args.value(a)));
                case "--reason" -> reason = Optional.of(nonBlank(a, args.value(a)));
                case "--yes" -> confirmed = true;
                default -> address = positional(a, address);
            }
        }
        AddressKey key = address.orElseThrow(() -> new UsageException("remove needs an ADDRESS"));
        String who = actor.orElseThrow(() -> new UsageException("remove needs --actor (who is changing the list)"));
        String why = reason.orElseThrow(() -> new UsageException("remove needs --reason"));
        if (!confirmed && !env.terminal()) {
            throw new UsageException("remove lifts a suppression: confirm with --yes (there is no terminal to ask on)");
        }
        try (StoreConnection connection = StoreConnection.open(store, Access.WRITE, env.password(), env.err())) {
            SuppressionRepository repository = connection.repository();
            Optional<Suppression> entry = repository.find(key);
            if (entry.isEmpty()) {
                env.err().println("no suppression for " + key + ": nothing removed, nothing audited");
                return 1;
            }
            Suppression s = entry.get();
            env.err().println("removing " + key + ": " + s.category().label() + ", " + SuppressionCodec.label(s.source()) + ", rule "
                + s.ruleId() + ", since " + time(s.suppressedAt()) + s.diagnostic().map(d -> ", \"" + d + "\"").orElse(""));
            if (!confirmed && !confirmedOnTerminal(key, env)) {
                env.err().println("not confirmed: nothing removed");
                return 1;
            }
            if (!service(repository, env).remove(key, who, why)) {
                env.err().println("no suppression for " + key + " any more (removed meanwhile): nothing audited");
                return 1;
            }
            env.out().println("removed " + key + "; audited: removed by " + who + ": " + why
                + ". It is suppressed again if it bounces again.");
            return 0;
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

    private static SuppressionService service(SuppressionRepository repository, CommandEnv env) {
        return new SuppressionService(repository, new SuppressionPolicy(PolicySettings.defaults(), env.clock()), env.clock());
    }

    // ---- export, import

    private static int export(Args args, CommandEnv env) throws UsageException, IOException {
        StoreConnection.Options store = new StoreConnection.Options();
        Optional<Format> format = Optional.empty();
        Optional<Path> output = Optional.empty();
        while (args.hasNext()) {
            String a = args.next();
            if (store.accept(a, args)) {
                continue;
            }
            switch (a) {
                case "--format" -> format = Optional.of(format(args.value(a)));
                case "--output" -> output = Optional.of(Path.of(args.value(a)));
                default -> throw new UsageException("unknown option " + a);
            }
        }
        Optional<Path> target = output;
        Format f = format.or(() -> target.flatMap(SuppressionsCommand::formatOf))
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
                SuppressionCodec.EntryWriter entries = SuppressionCodec.writer(f, writer);
                connection.repository().forEachSuppression(s -> {
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

    private static int importList(Args args, CommandEnv env) throws UsageException, IOException {
        StoreConnection.Options store = new StoreConnection.Options();
        Optional<Format> format = Optional.empty();
        Optional<String> file = Optional.empty();
        Optional<java.net.URI> webAdmin = Optional.empty();
        Optional<Integer> partRows = Optional.empty();
        Optional<Optional<ProviderExport.Provider>> from = Optional.empty();
        while (args.hasNext()) {
            String a = args.next();
            if (store.accept(a, args)) {
                continue;
            }
            if (a.equals("--from")) {
                String v = args.value(a);
                from = Optional.of(v.equalsIgnoreCase("auto") ? Optional.empty() : Optional.of(ProviderExport.Provider.of(v)
                    .orElseThrow(() -> new UsageException("--from takes ses, sendgrid, mailgun, postmark or auto: " + v))));
            } else if (a.equals("--format")) {
                format = Optional.of(format(args.value(a)));
            } else if (a.equals("--webadmin")) {
                webAdmin = Optional.of(WebAdminImport.webAdminUri(args.value(a)));
            } else if (a.equals("--part-rows")) {
                partRows = Optional.of(args.intValue(a, 1, 1_000_000));
            } else if (a.startsWith("--")) {
                throw new UsageException("unknown option " + a);
            } else if (file.isPresent()) {
                throw new UsageException("import reads one FILE; " + a + " is one too many");
            } else {
                file = Optional.of(a);
            }
        }
        if (webAdmin.isPresent() && store.given()) {
            throw new UsageException("import goes either to a store (--h2, --jdbc) or to a running James (--webadmin), not both");
        }
        if (partRows.isPresent() && webAdmin.isEmpty()) {
            throw new UsageException("--part-rows applies to --webadmin only");
        }
        String name = file.orElseThrow(() -> new UsageException("import needs a FILE (- for standard input)"));
        if (from.isPresent() && format.isPresent()) {
            throw new UsageException("--from reads the provider's own format: drop --format");
        }
        Optional<ProviderExport.Converted> converted = Optional.empty();
        Format f;
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
            f = Format.CSV;
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
                SuppressionRepository repository = connection.repository();
                return importRows(name, in, size, f, env, IMPORT_BATCH, batch -> {
                    try {
                        return repository.importSuppressions(batch.iterator());
                    } catch (SuppressionStoreException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                }, "the batch", fromProvider);
            }
        }
    }

    /** Where the rows of an import go, a batch at a time. @return how many were new */
    @FunctionalInterface
    private interface BatchTarget {
        long store(List<Suppression> batch) throws IOException;
    }

    private static int importRows(String name, CountingInputStream in, long size, Format f, CommandEnv env, int batchSize,
                                  BatchTarget target, String unit, Optional<ProviderExport.Converted> fromProvider) throws IOException {
        // bytes that are not UTF-8 become U+FFFD, and the codec rejects that record on its own line
        InputStreamReader text = new InputStreamReader(in, StandardCharsets.UTF_8);
        RowReader rows = SuppressionCodec.reader(f, text, LocalPartMatching.CASE_INSENSITIVE, env.clock().instant());
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

    private static Optional<Format> formatOf(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Format.of(name.substring(dot + 1));
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

    private static Optional<AddressKey> positional(String a, Optional<AddressKey> address) throws UsageException {
        if (a.startsWith("--")) {
            throw new UsageException("unknown option " + a);
        }
        if (address.isPresent()) {
            throw new UsageException("one ADDRESS at a time; " + a + " is one too many");
        }
        return Optional.of(address(a));
    }

    static AddressKey address(String value) throws UsageException {
        try {
            return AddressKey.of(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad address '" + value + "': " + e.getMessage());
        }
    }

    private static String domain(String value) throws UsageException {
        try {
            return AddressKey.normaliseDomain(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad domain '" + value + "': " + e.getMessage());
        }
    }

    private static Category category(String value) throws UsageException {
        return Category.fromLabel(value).orElseThrow(() -> new UsageException("unknown category " + value + " (known: "
            + String.join(", ", Arrays.stream(Category.values()).map(Category::label).toList()) + ")"));
    }

    private static EventSource source(String value) throws UsageException {
        return SuppressionCodec.source(value).orElseThrow(() -> new UsageException("unknown source " + value + " (known: "
            + String.join(", ", Arrays.stream(EventSource.values()).map(SuppressionCodec::label).toList()) + ")"));
    }

    private static Format format(String value) throws UsageException {
        return Format.of(value).orElseThrow(() -> new UsageException("unknown format " + value + " (csv or jsonl)"));
    }

    private static String nonBlank(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + " must not be blank");
        }
        return value;
    }

    /** A date (the start of that day, UTC) or an ISO-8601 time. */
    static Instant time(String option, String value) throws UsageException {
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException again) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException last) {
                    throw new UsageException(option + " needs a date (2025-03-01) or a time (2025-03-01T08:00:00Z): " + value);
                }
            }
        }
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
