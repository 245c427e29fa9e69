package io.jamesbounce.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.jamesbounce.store.jdbc.SuppressionStoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code bounces}: the command line of the engine. Options, subcommands, usage and exit codes are
 * picocli's; the commands get the world ({@link CommandEnv}) through their constructor, so tests run
 * them in process exactly as {@link #main} does.
 */
@Command(name = "bounces", description = "The bounce and feedback-loop engine for Apache James, on the command line.",
    versionProvider = Main.Version.class,
    subcommands = {ClassifyCommand.class, BenchCommand.class, DomainsCommand.class, ScanCommand.class, PurgeCommand.class,
        SuppressionsCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit code of a command that did not complete its work: a file, the store, WebAdmin, rejected rows. */
    static final int FAILED = 1;
    /** Exit code of a command line that is wrong. */
    static final int USAGE = 2;

    private static final Map<String, String> EXIT_CODES = exitCodes();

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        int code = execute(CommandEnv.system(out), args);
        out.flush();
        System.exit(code);
    }

    @Override
    public Integer call() throws UsageException {
        throw new UsageException("no command");
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "done");
        codes.put("1", "the work failed (a file, the store, WebAdmin) or some rows were rejected");
        codes.put("2", "the command line is wrong");
        return Collections.unmodifiableMap(codes);
    }

    /** Runs one command line: its exit code; what it says goes to {@code env}'s streams. */
    static int execute(CommandEnv env, String... args) {
        CommandLine line = new CommandLine(Main.class, new EnvFactory(env));
        line.setOut(new PrintWriter(env.out(), true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(env.err(), true, StandardCharsets.UTF_8));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setUsageHelpWidth(110);
        line.setParameterExceptionHandler((e, arguments) -> usageError(e.getCommandLine(), message(e), env));
        line.setExecutionExceptionHandler((e, command, parsed) -> failure(e, command, env));
        configure(line);
        return line.execute(args);
    }

    /** The same help options, exit code list and store note on every command. */
    private static void configure(CommandLine line) {
        CommandSpec spec = line.getCommandSpec();
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES).sortOptions(false);
        if (spec.findOption("--h2") != null) {
            spec.usageMessage().footer("%nThe store: --h2 (H2 lets one process open the file at a time: stop James first, or use WebAdmin)"
                + " or --jdbc; the PostgreSQL password is read from " + CommandEnv.PASSWORD_VARIABLE + ", never from the command line.");
        }
        line.getSubcommands().values().forEach(Main::configure);
    }

    /** Picocli's words, but a mistyped command named as one, with what it may have meant. */
    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
            && !e.getCommandLine().getSubcommands().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            List<String> suggestions = unmatched.getSuggestions();
            return "unknown command '" + unmatched.getUnmatched().get(0) + "'" + (suggestions.isEmpty() ? "; the commands: "
                + String.join(", ", e.getCommandLine().getSubcommands().keySet()) : "; did you mean " + String.join(" or ", suggestions) + "?");
        }
        return e.getMessage();
    }

    private static int usageError(CommandLine command, String message, CommandEnv env) {
        env.err().println("error: " + message);
        env.err().println("see: " + command.getCommandSpec().qualifiedName() + " --help");
        return USAGE;
    }

    private static int failure(Exception e, CommandLine command, CommandEnv env) {
        if (e instanceof UsageException) {
            return usageError(command, e.getMessage(), env);
        }
        if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof SuppressionStoreException) {
            env.err().println("error: " + e.getMessage());
            return FAILED;
        }
        // a bug: the whole trace, for the report
        env.err().println("error: " + e);
        e.printStackTrace(env.err());
        return FAILED;
    }

    /** Builds the commands with the world they run in; picocli's own classes as picocli builds them. */
    private record EnvFactory(CommandEnv env) implements IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                var constructor = type.getDeclaredConstructor(CommandEnv.class);
                constructor.setAccessible(true);
                return constructor.newInstance(env);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bounces " + Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("(development build)")};
        }
    }
}
