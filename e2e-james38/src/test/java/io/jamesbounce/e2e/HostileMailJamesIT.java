package io.jamesbounce.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The messages that once wrote 199 MB, killed a spooler thread or took James down (issue #16), sent
 * over SMTP to the full James 3.8.1 server running in a JVM of 512 MB (this class runs in its own
 * failsafe execution with {@code -Xmx512m}), configured as shipped (signed return paths) on
 * PostgreSQL, whose size is read before and after each: James stays up, the store grows by less
 * than 1 MB for each, and each mail ends where it belongs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileMailJamesIT {
    private static final long ONE_MEGABYTE = 1024 * 1024;
    private static final String BOUNCES = "bounces@bounce.example.com";
    private static final String UNREADABLE = "var/mail/bounce-unreadable";
    private static final Duration WAIT = Duration.ofMinutes(2);

    private EmbeddedPostgres postgres;
    private SmtpSink sink;
    private RunningJames james;

    @BeforeAll
    void boot() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        sink = SmtpSink.start();
        JamesWorkspace workspace = JamesWorkspace.builder(E2e.repositoryRoot(), E2e.extensionJar(), Files.createTempDirectory("james38-hostile-"))
            // servers sharing PostgreSQL share their key; as shipped otherwise: unsigned reports are untrusted
            .bounceSettings("verp.signing-key=k:aG9zdGlsZS1tYWlsLXRlc3Qta2V5LW9mLTMyLWJ5dGVzIQ==")
            .smtpPort(E2e.freePort())
            .webAdminPort(E2e.freePort())
            .gatewayPort(sink.port())
            .postgres(new JamesWorkspace.Postgres("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
                "postgres", "postgres", Optional.empty()))
            .build();
        james = RunningJames.start(workspace);
        System.out.printf("E2E-JAMES38 hostile max-heap-mb=%d%n", Runtime.getRuntime().maxMemory() / ONE_MEGABYTE);
    }

    @AfterAll
    void shutdown() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {james, sink, postgres}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aNoticeListingTwoThousandRecipientsWithOneHugeDiagnosticKeepsTwentyEventsAndTheMailForAPerson() throws Exception {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            list.append("     listed").append(i).append("@example.org\r\n");
        }
        String notice = "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\r\nTo: " + BOUNCES + "\r\n"
            + "Subject: Delivery Status Notification (Failure)\r\nMessage-ID: <gmail-2000@mail.gmail.com>\r\n"
            + "Date: Tue, 3 Mar 2026 10:15:01 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "Delivery to the following recipients failed permanently:\r\n\r\n" + list + "\r\n"
            + "Technical details of permanent failure:\r\nThe error that the other server returned was:\r\n550 5.7.1 "
            // 96 KB of text, in lines SMTP carries (at most 1,000 characters)
            + (("x".repeat(75) + "\r\n").repeat(96 * 1024 / 75)) + " end of details\r\n";
        assertThat(notice.length()).as("the size of the message the issue found").isBetween(140_000, 170_000);

        long unreadable = repositorySize(UNREADABLE);
        long grown = storeGrowth(() -> send(BOUNCES, notice), () -> repositorySize(UNREADABLE) > unreadable && spoolSize() == 0);

        assertThat(repositorySize(UNREADABLE)).as("kept for a person").isEqualTo(unreadable + 1);
        assertThat(count("SELECT count(*) FROM untrusted_event WHERE address LIKE 'listed%'")).as("twenty kept as evidence, not two thousand").isEqualTo(20);
        assertThat(count("SELECT max(length(diagnostic)) FROM untrusted_event WHERE address LIKE 'listed%'")).as("the diagnostic cut to about 2 KB").isLessThan(2200);
        assertThat(grown).isLessThan(ONE_MEGABYTE);
        assertJamesStillRecords("after-gmail");
    }

    @Test
    void aMessageOfOneTwentyNineMegabyteHeaderEndsUnreadable() throws Exception {
        StringBuilder m = new StringBuilder(30 * 1024 * 1024);
        m.append("From: MAILER-DAEMON@mx.example.org\r\nTo: ").append(BOUNCES).append("\r\nMessage-ID: <huge-header@mx.example.org>\r\n")
            .append("Subject: Undelivered Mail Returned to Sender\r\nX-Huge: start\r\n");
        String fold = "\t" + "x".repeat(70) + "\r\n";
        while (m.length() < 29 * ONE_MEGABYTE) {
            m.append(fold);
        }
        m.append("\r\nThis is the mail system at host mx.example.org.\r\n");
        String message = m.toString();
        m = null;

        long unreadable = repositorySize(UNREADABLE);
        long grown = storeGrowth(() -> send(BOUNCES, message), () -> repositorySize(UNREADABLE) > unreadable && spoolSize() == 0);

        assertThat(repositorySize(UNREADABLE)).isEqualTo(unreadable + 1);
        assertThat(grown).isLessThan(ONE_MEGABYTE);
        assertJamesStillRecords("after-header");
    }

    @Test
    void aReportWithAnOverLongMessageIdIsRecordedWithTheIdCut() throws Exception {
        String longId = "<" + "m".repeat(1216) + "@mx.example.net>";
        String dsn = new String(JamesServerScenarios.dsn(BOUNCES, "longid@example.net", longId), StandardCharsets.US_ASCII);

        List<String> elsewhere = List.of("var/mail/bounce-retry", "var/mail/error", UNREADABLE);
        List<Long> before = elsewhere.stream().map(this::repositorySize).toList();

        long grown = storeGrowth(() -> send(BOUNCES, dsn),
            () -> count("SELECT count(*) FROM untrusted_event WHERE address = 'longid@example.net'") == 1 && spoolSize() == 0);

        assertThat(count("SELECT max(length(report_key)) FROM untrusted_event WHERE address = 'longid@example.net'")).isLessThanOrEqualTo(998);
        assertThat(grown).isLessThan(ONE_MEGABYTE);
        assertThat(elsewhere.stream().map(this::repositorySize).toList()).as("consumed, kept nowhere: " + elsewhere).isEqualTo(before);
        assertJamesStillRecords("after-long-id");
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** How many bytes PostgreSQL's database grew by while {@code action} ran and until {@code done}. */
    private long storeGrowth(Action action, BooleanSupplier done) throws Exception {
        long before = count("SELECT pg_database_size('postgres')");
        action.run();
        await("the mail handled", done);
        long after = count("SELECT pg_database_size('postgres')");
        System.out.printf("E2E-JAMES38 hostile store-growth-bytes=%d heap-used-mb=%d%n", after - before,
            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / ONE_MEGABYTE);
        return after - before;
    }

    /** James still answers SMTP and records: an ordinary report (untrusted, unsigned) lands as an event. */
    private void assertJamesStillRecords(String tag) throws Exception {
        String recipient = tag + "@example.net";
        send(BOUNCES, new String(JamesServerScenarios.dsn(BOUNCES, recipient, "<" + tag + "@mx.example.net>"), StandardCharsets.US_ASCII));
        await(recipient + " recorded", () -> count("SELECT count(*) FROM untrusted_event WHERE address = '" + recipient + "'") == 1
            && spoolSize() == 0);
    }

    private void send(String to, String message) throws IOException {
        SmtpClient.send(james.workspace().smtpPort(), "", List.of(to), message.getBytes(StandardCharsets.US_ASCII));
    }

    private long count(String sql) {
        return E2e.sqlCount(postgres, sql);
    }

    private long repositorySize(String name) {
        return E2e.repositorySize(james.workspace().webAdminPort(), name);
    }

    private long spoolSize() {
        return E2e.queueSize(james.workspace().webAdminPort(), "spool");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        E2e.await(what, WAIT, condition);
    }
}
