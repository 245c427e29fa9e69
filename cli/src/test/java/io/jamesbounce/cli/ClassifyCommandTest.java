package io.jamesbounce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyCommandTest {
    private static String classify(String... args) throws Exception {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    private static Path twoReports() throws URISyntaxException {
        return Path.of(ClassifyCommandTest.class.getResource("/mbox/two-reports.mbox").toURI());
    }

    @Test
    void aFolderWalkReadsEveryFileThatCanBeAMessageAndNamesWhatItSkippedAndWhy(@TempDir Path dir) throws Exception {
        // issue #17: saved bounces named *.txt were skipped without a word unless their name held "mail"
        byte[] report = Files.readAllBytes(twoReports());
        Files.write(dir.resolve("saved-bounce.txt"), report);
        Files.write(dir.resolve("empty.eml"), new byte[0]);
        Files.write(dir.resolve("picture.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        Files.writeString(dir.resolve("labels.json"), "{}");
        // a real bounce with a stray NUL byte (the corpus holds one): it opens like a message, so it is read
        byte[] withNul = Files.readAllBytes(twoReports());
        byte[] strayNul = new String(withNul, StandardCharsets.ISO_8859_1).replaceFirst("From .*\\R", "").replaceFirst("\\R\\R", "\n\u0000\n")
            .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("with-nul.eml"), strayNul);
        CliRun run = CliRun.of("classify", "--format", "jsonl", dir.toString());
        String out = run.out();

        assertThat(out.lines()).filteredOn(l -> l.contains("saved-bounce.txt")).hasSize(2);
        assertThat(out.lines()).anyMatch(l -> l.contains("with-nul.eml"));
        assertThat(run.err().lines()).containsExactly(
            "skipped " + dir.resolve("empty.eml") + ": empty",
            "skipped " + dir.resolve("labels.json") + ": not a message (json)",
            "skipped " + dir.resolve("picture.png") + ": binary (a NUL byte in its first 8 KB, and no header field first)");
    }

    @Test
    void helpAtEveryLevelPrintsThatCommandsUsageAndSucceeds() throws Exception {
        assertThat(classify("classify", "--help")).startsWith("Usage: bounces classify [-hV] [--explain] [--generic-only] [--mbox]")
            .contains("--format=jsonl|table").doesNotContain("suppressions").contains("Exit codes:");
        assertThat(classify("suppressions", "--help")).startsWith("Usage: bounces suppressions [-hV] [COMMAND]")
            .contains("  list ").contains("  import ").doesNotContain("classify");
        assertThat(classify("suppressions", "list", "-h")).startsWith("Usage: bounces suppressions list [-hV]")
            .contains("--from=DATE").doesNotContain("  show ").contains("--h2=PATH").contains("BOUNCES_DB_PASSWORD");
        assertThat(classify("suppressions", "import", "--help")).contains("--webadmin=URL").contains("--from=PROVIDER");
        assertThat(classify("help", "scan")).startsWith("Usage: bounces scan");
        assertThat(classify("--help")).contains("  classify ").contains("  purge ").contains("  suppressions ");
        assertThat(classify("--version")).startsWith("bounces ");
    }

    @Test
    void aWrongCommandLineIsOneLineAndAPointerToTheHelp() {
        assertThat(CliRun.of("classify", "--colour", "x.eml").usageError()).isEqualTo("Unknown option: '--colour'");
        assertThat(CliRun.of("classify").usageError()).isEqualTo("Missing required parameter: 'PATH'");
        assertThat(CliRun.of("classify", "--format", "xml", "x").usageError()).startsWith("Invalid value for option '--format'");
        assertThat(CliRun.of("suppressions", "lst").usageError()).isEqualTo("unknown command 'lst'; did you mean list?");
        assertThat(CliRun.of("suppressions", "purge").usageError())
            .isEqualTo("unknown command 'purge'; the commands: list, show, add, remove, export, import");
        assertThat(CliRun.of("suppressions").usageError()).startsWith("suppressions needs a subcommand");
        assertThat(CliRun.of().usageError()).isEqualTo("no command");
        assertThat(CliRun.of("suppressions", "list", "--colour").err()).endsWith("see: bounces suppressions list --help\n");
    }

    @Test
    void explainingAMailThatIsNoReportSaysWhy(@TempDir Path dir) throws Exception {
        Path mail = dir.resolve("hello.eml");
        Files.writeString(mail, "From: Ann <ann@example.org>\r\nTo: bob@example.com\r\nSubject: Lunch?\r\n\r\nAre you free on Friday?\r\n");

        String out = classify("classify", "--explain", mail.toString());

        assertThat(out).contains("kind:      not-bounce").contains("why:       no delivery-status (RFC 3464)").contains("nothing recorded");
    }

    @Test
    void anMboxHoldingTwoReportsShouldYieldBothWithoutBeingTold() throws Exception {
        String out = classify("classify", "--format", "jsonl", twoReports().toString());

        assertThat(out.lines()).hasSize(2);
        assertThat(out.lines().toList().get(0)).contains("\"recipient\":\"sara@example.net\"").contains("\"category\":\"user-unknown\"");
        assertThat(out.lines().toList().get(1)).contains("two-reports.mbox#2").contains("\"recipient\":\"tom@example.com\"").contains("\"category\":\"mailbox-full\"");
    }

    @Test
    void aSingleMessageOpeningWithAFromLineShouldStayOneMessage(@TempDir Path dir) throws Exception {
        byte[] all = Files.readAllBytes(twoReports());
        String text = new String(all, StandardCharsets.ISO_8859_1);
        Path first = dir.resolve("one.eml");
        Files.writeString(first, text.substring(0, text.indexOf("\nFrom MAILER-DAEMON", 1) + 1), StandardCharsets.ISO_8859_1);

        assertThat(classify("classify", "--format", "jsonl", first.toString()).lines()).hasSize(1);
    }

    @Test
    void theGenericReaderAloneShouldStillReadAQmailNotice() throws Exception {
        String out = classify("classify", "--generic-only", "--format", "jsonl", twoReports().toString());

        assertThat(out.lines().toList().get(0)).contains("\"decoder\":\"generic\"").contains("\"recipient\":\"sara@example.net\"");
    }
}
