package io.jamesbounce.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every {@code curl} example of {@code docs/webadmin.md}, taken from the Markdown as written (so the
 * docs cannot drift) and run, in the order of the page, with bash and curl against the full James
 * 3.8.1 server with the routes installed: each must answer with a success status, or the 404 its
 * comment announces. {@code $W} is the server's WebAdmin; the files the examples read and write
 * ({@code suppressions.csv}) live in a folder of the test's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedWebAdminCommandsJamesIT {
    private SmtpSink sink;
    private RunningJames james;
    private Path folder;

    @BeforeAll
    void boot() throws Exception {
        sink = SmtpSink.start();
        JamesWorkspace workspace = JamesWorkspace.builder(E2e.repositoryRoot(), E2e.extensionJar(), Files.createTempDirectory("james38-docs-"))
            .bounceSettings("trust.mode=unchecked")
            .webAdminRoutes(Path.of(System.getProperty("webadmin.routes.jar")))
            .smtpPort(E2e.freePort())
            .webAdminPort(E2e.freePort())
            .gatewayPort(sink.port())
            .build();
        james = RunningJames.start(workspace);
        folder = Files.createTempDirectory("docs-commands-");
        // what the import example reads, as an export writes it
        Files.writeString(folder.resolve("suppressions.csv"), "address,category\r\ndave@example.org,user-unknown\r\n");
        // what the list and show examples look at
        SmtpClient.send(workspace.smtpPort(), "", List.of("bounces@bounce.example.com"),
            JamesServerScenarios.dsn("bounces@bounce.example.com", "alice@example.org", "<docs-alice@mx.example.org>"));
        E2e.await("alice suppressed", () -> james.store().suppression("alice@example.org").isPresent());
    }

    @AfterAll
    void shutdown() throws Exception {
        if (james != null) {
            james.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    /** The {@code curl} commands of the page's code blocks, continuation lines joined. */
    static List<String> curlExamples(Path markdown) throws IOException {
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        StringBuilder pending = null;
        for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock) {
                continue;
            }
            if (pending != null) {
                pending.append(' ').append(line.strip());
            } else if (line.startsWith("curl ")) {
                pending = new StringBuilder(line);
            } else {
                continue;
            }
            if (pending.toString().endsWith("\\")) {
                pending.setLength(pending.length() - 1);
            } else {
                commands.add(pending.toString());
                pending = null;
            }
        }
        return commands;
    }

    @Test
    void everyCurlExampleOfTheWebAdminPageWorksAsWritten() throws Exception {
        List<String> commands = curlExamples(E2e.repositoryRoot().resolve("docs/webadmin.md"));
        assertThat(commands).hasSizeGreaterThanOrEqualTo(15);
        List<String> failures = new ArrayList<>();
        for (String command : commands) {
            int hash = command.indexOf(" #");
            String comment = hash < 0 ? "" : command.substring(hash);
            String bare = hash < 0 ? command : command.substring(0, hash);
            Process curl = withW(new ProcessBuilder("bash", "-c", bare + " -sS -w '\\n%{http_code}'"))
                .directory(folder.toFile()).redirectErrorStream(true).start();
            curl.getOutputStream().close();
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = curl.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS);
            String[] lines = out.strip().split("\n");
            String status = lines[lines.length - 1].strip();
            boolean ok = ended && curl.exitValue() == 0 && (status.startsWith("2") || status.equals("404") && comment.contains("404"))
                // an import that reads nothing is no success (it once answered 200 with "read":0)
                && (!bare.contains("/import") || out.contains("\"read\":1"));
            System.out.printf("DOCS-COMMAND %s %s%n", status, command);
            if (!ok) {
                failures.add(status + " " + command + "\n    " + out.strip().replace("\n", "\n    "));
            }
        }
        assertThat(failures).as("examples of docs/webadmin.md that failed as written").isEmpty();
        assertThat(folder.resolve("suppressions.jsonl")).as("the export example wrote its file").isNotEmptyFile();
    }

    /** The examples say {@code $W}: the shell gets it from its environment, as the page's reader sets it. */
    private ProcessBuilder withW(ProcessBuilder builder) {
        builder.environment().put("W", "http://127.0.0.1:" + james.workspace().webAdminPort());
        return builder;
    }
}
