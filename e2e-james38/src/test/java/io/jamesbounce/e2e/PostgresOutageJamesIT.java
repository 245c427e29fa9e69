package io.jamesbounce.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The test: PostgreSQL stopped for 30 s in the middle of 10,000 DSNs over SMTP (eight
 * connections) and outbound mail to 1,000 recipients, half of them suppressed before the outage. The
 * database is stopped mid-run and started again on the same data directory and port. Nobody acts:
 * reports that fail go to the sample's {@code bounce-retry}, outbound mail that cannot be checked or
 * remembered to {@code relay-deferred}, and {@code RetryLater} puts them back in the spool until the
 * store answers. Afterwards every report is one event and one suppression, every clean recipient was
 * delivered exactly once and every suppressed one dropped exactly once, and no repository holds
 * anything. {@code -Doutage.reports=N}, {@code -Doutage.outbound=N}, {@code -Doutage.seconds=N}
 * change the sizes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresOutageJamesIT {
    private static final int REPORTS = Integer.getInteger("outage.reports", 10_000);
    private static final int OUTBOUND = Integer.getInteger("outage.outbound", 1_000);
    private static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("outage.seconds", 30));
    private static final int CLIENTS = 8;
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final List<String> WAITING_REPOSITORIES = List.of("var/mail/bounce-retry", "var/mail/bounces-retry",
        "var/mail/relay-deferred", "var/mail/error");

    /** Where James 3.8.1 logs a mailet's exception, at ERROR with its stack trace (ProcessorUtil.handleException). */
    private static final String PROCESSOR_IMPL = "org.apache.james.mailetcontainer.impl.ProcessorImpl";

    private Path dataDirectory;
    private int postgresPort;
    private EmbeddedPostgres postgres;
    private SmtpSink sink;
    private RunningJames james;
    private ExpectedErrors storeFailures;

    @BeforeAll
    void boot() throws Exception {
        // While PostgreSQL is down our mailets throw, as designed: their onMailetException sends the mail on to be
        // retried, and James logs each throw at ERROR. This test stops the database on purpose: those are counted and asserted.
        storeFailures = ExpectedErrors.of(PROCESSOR_IMPL, message -> message.startsWith("Exception calling io.jamesbounce.james.mailets.")
            && message.contains("SuppressionStoreException"));
        dataDirectory = Files.createTempDirectory("james38-outage-pg-").resolve("data");
        postgresPort = E2e.freePort();
        postgres = startPostgres();
        sink = SmtpSink.start();
        Path work = Files.createTempDirectory("james38-outage-");
        JamesWorkspace workspace = JamesWorkspace.builder(E2e.repositoryRoot(), E2e.extensionJar(), work)
            // these scenarios send reports to unsigned return paths: the secure default would keep them as untrusted
            .bounceSettings("trust.mode=unchecked")
            .smtpPort(E2e.freePort())
            .webAdminPort(E2e.freePort())
            .gatewayPort(sink.port())
            // seconds instead of the sample's 30 s doubling to 10 min: the same path, a shorter test
            .retryLater("1s", "4s")
            // each store call waits this long for a connection while the database is down
            .postgres(new JamesWorkspace.Postgres("jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
                "postgres", "postgres", Optional.of("1s")))
            .build();
        james = RunningJames.start(workspace);
    }

    /** The same data directory and port every time: a restart of the same database, not a new one. */
    private EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(postgresPort).start();
    }

    @AfterAll
    void shutdown() throws Exception {
        if (james != null) {
            james.close();
        }
        if (sink != null) {
            sink.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (storeFailures != null) {
            storeFailures.close();
        }
    }

    @Test
    void reportsAndOutboundMailDuringAnOutageAreHandledOnceAfterItWithNoCommand() throws Exception {
        int before = REPORTS * 3 / 10;
        int duringEnd = REPORTS * 7 / 10;
        int suppressedOutbound = Math.min(OUTBOUND / 2, before);
        long start = System.nanoTime();

        send(0, before, this::sendReport);
        double beforeSeconds = (System.nanoTime() - start) / 1e9;
        await("the first " + before + " reports in PostgreSQL", () -> count("SELECT count(*) FROM suppression") == before);
        double recordedSeconds = (System.nanoTime() - start) / 1e9;

        postgres.close();
        long outageStart = System.nanoTime();
        // reports and outbound mail together; outbound: the first recipients of the reports above, then clean ones
        ExecutorService outbound = Executors.newSingleThreadExecutor();
        Future<?> outboundSent = outbound.submit(() -> {
            send(0, OUTBOUND, i -> sendNewsletter(outboundRecipient(i, suppressedOutbound)));
            return null;
        });
        send(before, duringEnd, this::sendReport);
        outboundSent.get();
        outbound.shutdown();
        long remaining = OUTAGE.toMillis() - (System.nanoTime() - outageStart) / 1_000_000;
        if (remaining > 0) {
            Thread.sleep(remaining); // the outage lasts OUTAGE whatever the sending took
        }
        // before PostgreSQL is back: a report retried the moment it is may be recorded before the count below
        Instant restarting = Instant.now().truncatedTo(ChronoUnit.MICROS);
        postgres = startPostgres();
        long outage = (System.nanoTime() - outageStart) / 1_000_000;
        long atRestart = count("SELECT count(*) FROM bounce_event WHERE received_at < '" + restarting + "'");

        send(duringEnd, REPORTS, this::sendReport);
        await("every report recorded and every outbound mail handled", () ->
            count("SELECT count(*) FROM suppression") == REPORTS
                && count("SELECT count(*) FROM bounce_event") == REPORTS
                && spoolSize() == 0 && outgoingSize() == 0);
        double drainedSeconds = (System.nanoTime() - start) / 1e9;

        Map<String, Long> delivered = sink.delivered().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        List<String> dropped = repositoryRecipients("var/mail/suppressed");
        System.out.printf("E2E-JAMES38 outage reports=%d outbound=%d clients=%d outage-ms=%d events-at-restart=%d"
                + " first-%d-smtp-s=%.1f recorded-s=%.1f (%.0f reports/s) all-handled-s=%.1f delivered=%d dropped=%d%n",
            REPORTS, OUTBOUND, CLIENTS, outage, atRestart, before, beforeSeconds, recordedSeconds, before / recordedSeconds, drainedSeconds,
            delivered.size(), dropped.size());
        assertThat(count("SELECT count(DISTINCT (report_key, address)) FROM bounce_event")).isEqualTo(REPORTS);
        assertThat(count("SELECT count(*) FROM suppression WHERE category = 'user-unknown'")).isEqualTo(REPORTS);
        assertThat(atRestart).as("nothing was recorded while the database was down (received before it came back)").isEqualTo(before);
        assertThat(storeFailures.seen()).as("store failures thrown to onMailetException during the outage").isPositive();
        for (int i = 0; i < OUTBOUND; i++) {
            String recipient = outboundRecipient(i, suppressedOutbound);
            if (i < suppressedOutbound) {
                assertThat(delivered).as("suppressed before the outage").doesNotContainKey(recipient);
            } else {
                assertThat(delivered.get(recipient)).as("delivered once: " + recipient).isEqualTo(1L);
            }
        }
        assertThat(dropped).hasSize(suppressedOutbound).doesNotHaveDuplicates();
        for (String repository : WAITING_REPOSITORIES) {
            assertThat(repositoryRecipients(repository)).as(repository + ": nothing left for a person").isEmpty();
        }

        // the same reports again (a receiver retrying): nothing new, once the spool is empty (James' memory
        // queue counts a mail until its processing is done)
        send(0, 100, this::sendReport);
        await("the resent reports processed", () -> spoolSize() == 0);
        assertThat(count("SELECT count(*) FROM bounce_event")).isEqualTo(REPORTS);
    }

    private static String outboundRecipient(int i, int suppressed) {
        return i < suppressed ? "outage" + i + "@example.net" : "clean" + i + "@example.net";
    }

    /** {@code CLIENTS} SMTP connections at once, each taking the next number until {@code to}. */
    private void send(int from, int to, E2e.Sending sending) throws Exception {
        E2e.concurrently(CLIENTS, from, to, sending);
    }

    private void sendReport(int i) throws IOException {
        String recipient = "outage" + i + "@example.net";
        SmtpClient.send(james.workspace().smtpPort(), "", List.of("bounces@bounce.example.com"),
            JamesServerScenarios.dsn("bounces@bounce.example.com", recipient, "<outage-" + i + "@mx.example.net>"));
    }

    private void sendNewsletter(String recipient) throws IOException {
        SmtpClient.send(james.workspace().smtpPort(), JamesServerScenarios.NEWS, List.of(recipient),
            E2e.newsletter(JamesServerScenarios.NEWS, List.of(recipient), "Outage newsletter"));
    }

    private long count(String sql) {
        return E2e.sqlCount(postgres, sql);
    }

    private long spoolSize() {
        return E2e.queueSize(james.workspace().webAdminPort(), "spool");
    }

    private long outgoingSize() {
        return E2e.queueSize(james.workspace().webAdminPort(), "outgoing");
    }

    private List<String> repositoryRecipients(String name) {
        return E2e.repositoryRecipients(james, name);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        E2e.await(what, WAIT, condition);
    }
}
