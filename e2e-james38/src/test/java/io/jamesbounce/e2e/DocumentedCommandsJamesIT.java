package io.jamesbounce.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Every operator's command that {@code README.md} and {@code docs/*.md} show ({@code ./bounces},
 * {@code scripts/run-james}, {@code curl}), taken from the Markdown as written ({@link DocumentedCommand})
 * and run with bash as a reader runs them: against {@code scripts/run-james} itself (a full James
 * 3.8.1 with the extension, started by the script as the README says), from its working folder, so
 * that {@code --h2 var} is its store. The commands that read the H2 file run after James is stopped
 * (H2 lets one process open it), the others while it runs, each group in the order of the pages.
 *
 * <p>What a reader adapts is adapted the same way, and only that: the WebAdmin port when 8000 was taken,
 * {@code jdbc:postgresql://db/james} (an embedded PostgreSQL with a {@code james} user and database),
 * the maildir and James folder paths. Synopses (placeholders, brackets) and the developer's scripts
 * (tests, corpus scoring, fuzzing, measurements) are listed as skipped, with why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedCommandsJamesIT {
    private static final String DB_PASSWORD = "docs-secret";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final Path repository = E2e.repositoryRoot();
    private Path work;
    private EmbeddedPostgres postgres;
    private Process james;
    private Thread jamesReader;
    private final StringBuffer jamesOutput = new StringBuffer();
    private int webAdminPort;

    @BeforeAll
    void boot() throws Exception {
        work = Files.createTempDirectory("docs-commands-");
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE james LOGIN PASSWORD '" + DB_PASSWORD + "'");
            s.execute("CREATE DATABASE james OWNER james");
        }
        readersFiles();
        CountDownLatch up = new CountDownLatch(1);
        ProcessBuilder builder = new ProcessBuilder(repository.resolve("scripts/run-james").toString()).redirectErrorStream(true);
        environment(builder.environment());
        james = builder.start();
        jamesReader = new Thread(() -> {
            try (InputStream in = james.getInputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    jamesOutput.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (jamesOutput.indexOf("with the bounce extension is up") >= 0) {
                        up.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "run-james-output");
        jamesReader.setDaemon(true);
        jamesReader.start();
        assertThat(up.await(3, TimeUnit.MINUTES)).as("scripts/run-james started James:%n%s", jamesOutput).isTrue();
        Properties ports = new Properties();
        try (InputStream in = Files.newInputStream(work.resolve("run.properties"))) {
            ports.load(in);
        }
        webAdminPort = Integer.parseInt(ports.getProperty("webadmin.port"));
        // the PostgreSQL store the export example reads: made and given one entry by the tool itself
        Run seeded = bash(bounces() + " suppressions add --jdbc " + jdbcUrl() + " --user james carol@example.net --category complaint"
            + " --actor docs-test --reason 'seeded for the export example'");
        assertThat(seeded.exit()).as(seeded.output()).isZero();
    }

    /** The files the examples name, where a reader following the page would have them. */
    private void readersFiles() throws IOException {
        Files.createSymbolicLink(work.resolve("core"), repository.resolve("core"));
        // what docs/webadmin.md's import examples read, as an export writes it
        Files.writeString(work.resolve("suppressions.csv"), "address,category\r\ndave@example.org,user-unknown\r\n");
        // a SendGrid export of bounces (the block row left out: a block is not the address's fault and is rejected)
        List<String> sendGrid = Files.readAllLines(repository.resolve("cli/src/test/resources/providers/sendgrid-bounces.csv")).stream()
            .filter(l -> !l.contains("blocked@")).toList();
        Files.write(work.resolve("sendgrid-bounces.csv"), sendGrid);
        Path maildir = work.resolve("Maildir");
        for (String folder : List.of("cur", "new", "tmp")) {
            Files.createDirectories(maildir.resolve(folder));
        }
        Files.copy(repository.resolve(RunJames.SAMPLE_DSN), maildir.resolve("new/1733570000.M1P1.docs"));
    }

    @AfterAll
    void shutdown() throws Exception {
        if (james != null && james.isAlive()) {
            james.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyDocumentedCommandWorksAsWritten() throws Exception {
        List<DocumentedCommand> all = DocumentedCommand.allIn(repository);
        List<DocumentedCommand> whileRunning = new ArrayList<>();
        List<DocumentedCommand> afterStop = new ArrayList<>();
        int skipped = 0;
        for (DocumentedCommand c : all) {
            Optional<String> skip = whySkipped(c);
            if (skip.isPresent()) {
                System.out.printf("DOCS-COMMAND skipped (%s) %s%n", skip.get(), c);
                skipped++;
                continue;
            }
            boolean runList = c.command().equals("scripts/run-james list");
            if (!c.command().contains("--h2") || runList) {
                whileRunning.add(c);
            }
            if (c.command().contains("--h2") || runList) {
                afterStop.add(c);
            }
        }
        List<String> failures = new ArrayList<>();
        for (DocumentedCommand c : whileRunning) {
            check(c, true, failures);
        }
        // SIGTERM, as Ctrl-C's sibling; through the handle, because Process.destroy() also closes our end of its output
        james.toHandle().destroy();
        assertThat(james.waitFor(60, TimeUnit.SECONDS)).as("James stops on SIGTERM").isTrue();
        jamesReader.join(Duration.ofSeconds(10));
        assertThat(jamesOutput.toString()).contains("James stopped");
        for (DocumentedCommand c : afterStop) {
            check(c, false, failures);
        }

        System.out.printf("DOCS-COMMANDS run=%d (while James ran %d, after it stopped %d) skipped=%d failed=%d%n",
            whileRunning.size() + afterStop.size(), whileRunning.size(), afterStop.size(), skipped, failures.size());
        assertThat(failures).as("documented commands that failed as written").isEmpty();
        assertThat(whileRunning.size() + afterStop.size()).as("commands run").isGreaterThanOrEqualTo(35);
        assertThat(all).as("every page's commands were found").extracting(c -> c.source().replaceAll("[: ].*", ""))
            .contains("README.md", "docs/webadmin.md", "docs/domain-rates.md", "docs/james-extension.md");
        assertThat(work.resolve("list.csv")).as("the export example wrote its file").isNotEmptyFile();
        assertThat(work.resolve("suppressions.jsonl")).as("the export example wrote its file").isNotEmptyFile();
    }

    private static Optional<String> whySkipped(DocumentedCommand c) {
        if (c.command().equals("scripts/run-james")) {
            return Optional.of("the server: this test started it so");
        }
        if (c.command().equals("scripts/test")) {
            return Optional.of("the tests themselves");
        }
        if (c.command().startsWith("scripts/") && !c.command().startsWith("scripts/run-james")) {
            return Optional.of("a developer's script: corpus scoring, fuzzing, measurements");
        }
        return c.synopsis();
    }

    private void check(DocumentedCommand c, boolean jamesRunning, List<String> failures) throws Exception {
        boolean curl = c.command().startsWith("curl ");
        Run run = bash(adapted(c.command()) + (curl ? " -sS -w '\\n%{http_code}'" : ""));
        List<String> problems = new ArrayList<>();
        if (run.exit() != 0) {
            problems.add("exit " + run.exit());
        }
        if (curl) {
            String[] lines = run.output().strip().split("\n");
            String status = lines[lines.length - 1].strip();
            if (!status.startsWith("2") && !(status.equals("404") && c.comment().contains("404"))) {
                problems.add("HTTP " + status);
            }
            // an import that reads nothing is no success (it once answered 200 with "read":0)
            if (c.command().contains("/import") && !run.output().contains("\"read\":1")) {
                problems.add("the import read nothing");
            }
        }
        expected(c, jamesRunning).filter(e -> !run.output().contains(e)).ifPresent(e -> problems.add("no \"" + e + "\" in the output"));
        System.out.printf("DOCS-COMMAND %s %s%s%n", problems.isEmpty() ? "ok" : "FAILED " + problems, jamesRunning ? "" : "(James stopped) ", c);
        if (!problems.isEmpty()) {
            failures.add(c + "\n    " + problems + "\n    " + run.output().strip().replace("\n", "\n    "));
        }
    }

    /** What the page says the command prints, where it says so. */
    private static Optional<String> expected(DocumentedCommand c, boolean jamesRunning) {
        if (c.command().equals("scripts/run-james send-sample")) {
            return Optional.of("alice@example.org: suppressed, user-unknown; this report: user-unknown 5.1.1 (rule status.user-unknown)");
        }
        if (c.command().equals("scripts/run-james list")) {
            return Optional.of(jamesRunning ? "in James' WebAdmin on port" : "alice@example.org");
        }
        if (c.command().endsWith("/metrics")) {
            return Optional.of("bounces_");
        }
        return Optional.empty();
    }

    /** The command as a reader here types it: the tools by their path, this James' port, this PostgreSQL. */
    private String adapted(String command) {
        String c = command;
        if (c.startsWith("./bounces")) {
            c = bounces() + c.substring("./bounces".length());
        } else if (c.startsWith("scripts/")) {
            c = repository.resolve("scripts") + c.substring("scripts".length());
        }
        for (Map.Entry<String, String> e : Map.of(
            "127.0.0.1:8000", "127.0.0.1:" + webAdminPort,
            "jdbc:postgresql://db/james", jdbcUrl(),
            "/var/mail/bounces/Maildir", "Maildir",
            "/path/to/james/var", "var").entrySet()) {
            c = c.replace(e.getKey(), e.getValue());
        }
        return c;
    }

    private String bounces() {
        return repository.resolve("bounces").toString();
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/james";
    }

    private void environment(Map<String, String> env) {
        env.put("BOUNCES_JAMES_WORK", work.toString());
        env.put("BOUNCES_DB_PASSWORD", DB_PASSWORD);
        // the scripts run what the build made: no Maven inside Maven
        env.put("BOUNCES_NO_BUILD", "1");
        if (webAdminPort > 0) {
            env.put("W", "http://127.0.0.1:" + webAdminPort);
        }
    }

    private record Run(int exit, String output) {
    }

    private Run bash(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(work.toFile()).redirectErrorStream(true);
        environment(builder.environment());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, output + "\n(timed out)");
        }
        return new Run(process.exitValue(), output);
    }
}
