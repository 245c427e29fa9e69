package io.jamesbounce.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.Report;

/** {@code bounces classify|bench ...}: the command-line face of the parsing core. */
public final class Main {
    private static final String USAGE = """
        usage: bounces classify [--format jsonl|table] [--mbox] [--generic-only] PATH...
               bounces classify --explain FILE
               bounces bench [--seconds N] [--mbox] PATH...
               bounces bench --synthetic
               bounces domains (--h2 PATH | --jdbc URL [--user NAME]) [--domain NAME]
               bounces scan [--mbox] [--dry-run] STORE PATH...
               bounces purge STORE [--events-older-than 180d] [--untrusted-older-than 30d] [--sent-older-than 14d]
               bounces suppressions list STORE [--address A] [--domain D] [--category C] [--source S]
                                    [--from DATE] [--to DATE] [--limit N] [--after ADDRESS | --page N]
               bounces suppressions show STORE ADDRESS
               bounces suppressions add STORE ADDRESS --category C --actor WHO --reason WHY
               bounces suppressions remove STORE ADDRESS --actor WHO --reason WHY [--yes]
               bounces suppressions export STORE --format csv|jsonl [--output FILE]
               bounces suppressions import STORE [--format csv|jsonl] FILE
               bounces suppressions import STORE --from ses|sendgrid|mailgun|postmark|auto FILE
               bounces suppressions import --webadmin URL [--part-rows N] [--format csv|jsonl] FILE
               bounces COMMAND --help     that command's usage;   bounces --version
        STORE: --h2 PATH (James' data folder or the .mv.db file) | --jdbc URL [--user NAME]
               (the PostgreSQL password is read from BOUNCES_DB_PASSWORD)
        --webadmin: a running James' WebAdmin, e.g. http://127.0.0.1:8000, in parts of N rows (10000);
               its JWT, if it needs one, is read from BOUNCES_WEBADMIN_TOKEN
        exit codes: 0 done; 1 the work failed (a file, the store, WebAdmin); 2 the command line is wrong
        """;

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        int code;
        try {
            code = run(Arrays.asList(args), out);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("see: bounces " + (args.length > 0 && !args[0].startsWith("-") ? args[0] + " " : "") + "--help");
            code = 2;
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            code = 1;
        }
        out.flush();
        System.exit(code);
    }

    static int run(List<String> args, PrintStream out) throws IOException, UsageException {
        if (args.isEmpty()) {
            throw new UsageException("no command");
        }
        if (args.get(0).equals("--version") || args.get(0).equals("-V")) {
            out.println("bounces " + Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("(development build)"));
            return 0;
        }
        if (args.contains("--help") || args.contains("-h")) {
            out.print(usageOf(args));
            return 0;
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        return switch (args.get(0)) {
            case "classify" -> classify(rest, out);
            case "bench" -> Bench.run(rest, out);
            case "domains" -> DomainsCommand.run(rest, out);
            case "scan" -> ScanCommand.run(rest, CommandEnv.system(out));
            case "suppressions" -> SuppressionsCommand.run(rest, CommandEnv.system(out));
            case "purge" -> PurgeCommand.run(rest, CommandEnv.system(out));
            case "help", "--help", "-h" -> {
                out.print(USAGE);
                yield 0;
            }
            default -> throw new UsageException("unknown command " + args.get(0));
        };
    }

    /**
     * The usage of the command {@code args} name (its own lines, {@code suppressions list} down to one
     * subcommand), with the notes that apply; the whole usage for none or an unknown one.
     */
    static String usageOf(List<String> args) {
        List<String> words = args.stream().filter(a -> !a.startsWith("-")).limit(2).toList();
        if (words.isEmpty()) {
            return USAGE;
        }
        String prefix = "bounces " + String.join(" ", words);
        List<String> lines = USAGE.lines().toList();
        StringBuilder own = new StringBuilder();
        boolean inOwn = false;
        for (String line : lines) {
            String body = line.strip().replaceFirst("^usage: ", "");
            if (body.startsWith("bounces ")) {
                inOwn = body.startsWith(prefix + " ") || body.equals(prefix);
            } else if (!line.startsWith(" ")) {
                inOwn = false; // the notes below the commands
            }
            if (inOwn) {
                own.append(body.startsWith("bounces ") ? "usage: " : "       ").append(body).append('\n');
            }
        }
        if (own.isEmpty() && words.size() > 1) {
            return usageOf(words.subList(0, 1));
        }
        if (own.isEmpty()) {
            return USAGE;
        }
        String commands = own.toString();
        boolean noteIncluded = false;
        for (String line : lines) {
            if (line.startsWith("STORE:")) {
                noteIncluded = commands.contains("STORE");
            } else if (line.startsWith("--webadmin:")) {
                noteIncluded = commands.contains("--webadmin");
            } else if (line.startsWith("exit codes:")) {
                noteIncluded = true;
            } else if (!line.startsWith(" ") || line.strip().startsWith("bounces ") || line.startsWith("usage:")) {
                noteIncluded = false;
            }
            if (noteIncluded) {
                own.append(line).append('\n');
            }
        }
        return own.toString();
    }

    private static int classify(List<String> args, PrintStream out) throws IOException, UsageException {
        String format = "jsonl";
        boolean mbox = false;
        boolean explain = false;
        boolean genericOnly = false;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--format" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--format needs jsonl or table");
                    }
                    format = args.get(++i);
                    if (!format.equals("jsonl") && !format.equals("table")) {
                        throw new UsageException("unknown format " + format + " (jsonl or table)");
                    }
                }
                case "--mbox" -> mbox = true;
                case "--explain" -> explain = true;
                case "--generic-only" -> genericOnly = true;
                default -> {
                    if (a.startsWith("--")) {
                        throw new UsageException("unknown option " + a);
                    }
                    paths.add(a);
                }
            }
        }
        if (paths.isEmpty()) {
            throw new UsageException("no file or folder to classify");
        }
        BounceAnalyzer analyzer = genericOnly ? BounceAnalyzer.genericOnly() : BounceAnalyzer.withDefaults();
        List<String[]> rows = new ArrayList<>();
        for (MessageSource.Item item : MessageSource.read(paths, mbox, System.err)) {
            Report report = analyzer.analyze(item.bytes());
            if (explain) {
                out.println(ReportFormat.explain(item.name(), report));
            } else if (format.equals("jsonl")) {
                out.println(ReportFormat.jsonl(item.name(), report));
            } else {
                rows.addAll(ReportFormat.tableRows(item.name(), report));
            }
        }
        if (!explain && format.equals("table")) {
            out.print(ReportFormat.table(rows));
        }
        return 0;
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
