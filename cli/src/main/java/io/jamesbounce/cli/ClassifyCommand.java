package io.jamesbounce.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bounces classify}: the parsing core on files, one result per message, no server. */
@Command(name = "classify", description = "Reads each message and prints what it reports: one result per message "
    + "(files and folders, recursively; what is skipped is named on stderr).")
final class ClassifyCommand implements Callable<Integer> {
    enum Output { JSONL, TABLE }

    private final CommandEnv env;
    @Option(names = "--format", paramLabel = "jsonl|table", description = "one JSON line per message (default), or an aligned table")
    private Output format = Output.JSONL;
    @Option(names = "--explain", description = "which decoder and rule decided what, and why, message by message")
    private boolean explain;
    @Option(names = "--mbox", description = "split mbox files at their From lines")
    private boolean mbox;
    @Option(names = "--generic-only", description = "the standard parsers and the generic notice reader alone, no family decoder")
    private boolean genericOnly;
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "message files, mbox files, folders")
    private List<String> paths;

    ClassifyCommand(CommandEnv env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        BounceAnalyzer analyzer = genericOnly ? BounceAnalyzer.genericOnly() : BounceAnalyzer.withDefaults();
        List<String[]> rows = new ArrayList<>();
        for (MessageSource.Item item : MessageSource.read(paths, mbox, env.err())) {
            Report report = analyzer.analyze(item.bytes());
            if (explain) {
                env.out().println(ReportFormat.explain(item.name(), report));
            } else if (format == Output.JSONL) {
                env.out().println(ReportFormat.jsonl(item.name(), report));
            } else {
                rows.addAll(ReportFormat.tableRows(item.name(), report));
            }
        }
        if (!explain && format == Output.TABLE) {
            env.out().print(ReportFormat.table(rows));
        }
        return 0;
    }
}
