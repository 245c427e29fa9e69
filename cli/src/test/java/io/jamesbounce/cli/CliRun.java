package io.jamesbounce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A command line run in process as an operator would run it, not on a terminal, through
 * {@link Main#execute}: what it printed on each stream and its exit code. The clock is fixed; the
 * nanosecond clock advances one second per reading, so progress lines appear deterministically.
 */
record CliRun(int exitCode, String out, String err) {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    static CliRun of(String... args) {
        return run(NOW, Optional.empty(), args);
    }

    static CliRun suppressions(String... args) {
        return of(Stream.concat(Stream.of("suppressions"), Stream.of(args)).toArray(String[]::new));
    }

    static CliRun scan(String... args) {
        return of(Stream.concat(Stream.of("scan"), Stream.of(args)).toArray(String[]::new));
    }

    /** At another time than {@link #NOW}. */
    static CliRun at(Instant now, String... args) {
        return run(now, Optional.empty(), args);
    }

    /** With this WebAdmin token, as if {@code BOUNCES_WEBADMIN_TOKEN} were set. */
    static CliRun withWebAdminToken(String token, String... args) {
        return run(NOW, Optional.of(token), args);
    }

    private static CliRun run(Instant now, Optional<String> webAdminToken, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong nanos = new AtomicLong();
        CommandEnv env = new CommandEnv(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(new byte[0]), Clock.fixed(now, ZoneOffset.UTC), Optional.empty(), webAdminToken, false,
            () -> nanos.getAndAdd(1_000_000_000L), Duration.ofSeconds(10));
        int code = Main.execute(env, args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The run ended as a usage error: exit 2, one line and a pointer to the help. @return the line's message */
    String usageError() {
        assertThat(exitCode).as("exit code; stderr:%n%s", err).isEqualTo(Main.USAGE);
        assertThat(err.lines()).as("a usage error is one line and a pointer to help").hasSize(2);
        assertThat(err.lines().toList().get(1)).matches("see: bounces( [a-z]+)* --help");
        return message();
    }

    /** The run failed at its work: exit 1 and its reason. @return the reason */
    String failure() {
        assertThat(exitCode).as("exit code; stderr:%n%s", err).isEqualTo(Main.FAILED);
        return message();
    }

    private String message() {
        String last = err.lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow(() -> new AssertionError("no error line in:\n" + err));
        return last.substring("error: ".length());
    }
}
