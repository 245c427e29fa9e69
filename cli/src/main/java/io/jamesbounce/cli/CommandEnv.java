package io.jamesbounce.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What a command gets from the world, injected so that tests run it as an operator would, in process.
 *
 * @param password         the PostgreSQL password, from {@value CommandEnv#PASSWORD_VARIABLE}
 * @param webAdminToken    the JWT for James' WebAdmin, from {@value WebAdminImport#TOKEN_VARIABLE}
 * @param terminal         whether stderr goes to a person: progress bar and confirmation prompts
 * @param progressInterval how often a plain progress line is printed when not on a terminal
 */
record CommandEnv(PrintStream out, PrintStream err, InputStream in, Clock clock, Optional<String> password,
                  Optional<String> webAdminToken, boolean terminal, LongSupplier nanoTime, Duration progressInterval) {
    /** Environment variable holding the PostgreSQL password, kept off the command line. */
    static final String PASSWORD_VARIABLE = "BOUNCES_DB_PASSWORD";

    static CommandEnv system(PrintStream out) {
        return new CommandEnv(out, new PrintStream(System.err, true, StandardCharsets.UTF_8), System.in, Clock.systemUTC(),
            Optional.ofNullable(System.getenv(CommandEnv.PASSWORD_VARIABLE)),
            Optional.ofNullable(System.getenv(WebAdminImport.TOKEN_VARIABLE)).filter(t -> !t.isBlank()), Progress.isTerminal(), System::nanoTime,
            Duration.ofSeconds(10));
    }

    Progress progress(String what, String unit, long total) {
        return new Progress(err, terminal, nanoTime, progressInterval, what, unit, total);
    }
}
