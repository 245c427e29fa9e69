package io.jamesbounce.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A command run in process as an operator would run it, not on a terminal: what it printed on each
 * stream and its exit code. The clock is fixed; the nanosecond clock advances one second per
 * reading, so progress lines appear deterministically.
 */
record CliRun(int exitCode, String out, String err) {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    static CliRun suppressions(String... args) throws Exception {
        return run(env -> SuppressionsCommand.run(List.of(args), env));
    }

    static CliRun scan(String... args) throws Exception {
        return run(env -> ScanCommand.run(List.of(args), env));
    }

    interface Command {
        int run(CommandEnv env) throws Exception;
    }

    static CliRun run(Command command) throws Exception {
        return run(Optional.empty(), command);
    }

    /** With this WebAdmin token, as if {@code BOUNCES_WEBADMIN_TOKEN} were set. */
    static CliRun run(Optional<String> webAdminToken, Command command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong nanos = new AtomicLong();
        CommandEnv env = new CommandEnv(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(new byte[0]), Clock.fixed(NOW, ZoneOffset.UTC), Optional.empty(), webAdminToken, false,
            () -> nanos.getAndAdd(1_000_000_000L), Duration.ofSeconds(10));
        int code = command.run(env);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
