package io.jamesbounce.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The test: reports keep arriving over SMTP while PostgreSQL is down for part of the run. The
 * server is stopped mid-run and a new one started on the same data directory and port. Reports that
 * arrive during the outage fail in RecordBounceReports, James' onMailetException (the sample's
 * {@code bounce-retry}) keeps them in a repository, a WebAdmin reprocess sends them back to root once
 * PostgreSQL is back; then every report is in the store exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresOutageJamesIT {
    private static final int REPORTS = Integer.getInteger("outage.reports", 1000);
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String RETRY_REPOSITORY = "var/mail/bounce-retry";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    private Path dataDirectory;
    private int postgresPort;
    private EmbeddedPostgres postgres;
    private SmtpSink sink;
    private RunningJames james;

    @BeforeAll
    void boot() throws Exception {
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
            // each report waits this long for a connection while the database is down, then is kept
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
    }

    @Test
    void everyReportSentDuringAnOutageIsRecordedOnceAfterIt() throws Exception {
        int before = REPORTS * 3 / 10;
        int during = REPORTS * 4 / 10;
        long start = System.nanoTime();

        send(0, before);
        await("the first " + before + " reports in PostgreSQL", () -> events().total() == before);

        postgres.close();
        long outageStart = System.nanoTime();
        send(before, before + during);
        await(during + " reports kept in " + RETRY_REPOSITORY, () -> retrySize() == during);
        postgres = startPostgres();
        long outage = (System.nanoTime() - outageStart) / 1_000_000;
        Counts afterRestart = events();

        send(before + during, REPORTS);
        // a connection the pool held across the restart may fail once more: that report is kept too
        await("the last reports recorded or kept", () -> events().total() + retrySize() == REPORTS);
        Counts beforeReprocess = events();
        long kept = retrySize();

        reprocessRetryRepositoryIntoRoot();
        await("every report in PostgreSQL", () -> events().total() == REPORTS && retrySize() == 0);

        // the same reports again (a receiver retrying, an operator reprocessing twice): nothing new
        send(0, 100);
        await("the resent reports processed", this::spoolIsEmpty);
        Thread.sleep(1000); // the last one dequeued may still be in its mailets
        Counts end = events();

        System.out.printf("E2E-JAMES38 outage reports=%d before=%d during=%d after=%d outage-ms=%d kept=%d"
                + " events-at-restart=%d events-before-reprocess=%d events-end=%d distinct=%d total-ms=%d%n",
            REPORTS, before, during, REPORTS - before - during, outage, kept, afterRestart.total(), beforeReprocess.total(),
            end.total(), end.distinctReports(), (System.nanoTime() - start) / 1_000_000);
        assertThat(afterRestart.total()).isEqualTo(before);
        assertThat(end.total()).isEqualTo(REPORTS);
        assertThat(end.distinctReports()).isEqualTo(REPORTS);
        assertThat(end.distinctAddresses()).isEqualTo(REPORTS);
        assertThat(retrySize()).isZero();
    }

    private void send(int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            String recipient = "outage" + i + "@example.net";
            SmtpClient.send(james.workspace().smtpPort(), "", List.of("bounces@bounce.example.com"),
                JamesServerScenarios.dsn("bounces@bounce.example.com", recipient, "<outage-" + i + "@mx.example.net>"));
        }
    }

    record Counts(long total, long distinctReports, long distinctAddresses) {
    }

    /** Read with plain SQL, outside James; -1 when PostgreSQL is down. */
    private Counts events() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                 "SELECT count(*), count(DISTINCT (report_key, address)), count(DISTINCT address) FROM bounce_event")) {
            row.next();
            return new Counts(row.getLong(1), row.getLong(2), row.getLong(3));
        } catch (SQLException e) {
            return new Counts(-1, -1, -1);
        }
    }

    private boolean spoolIsEmpty() {
        try {
            return JSON.readTree(get("/mailQueues/spool")).path("size").asLong() == 0;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Optional<String> retryPath() {
        try {
            for (JsonNode repository : JSON.readTree(get("/mailRepositories"))) {
                if (repository.path("repository").asText().contains(RETRY_REPOSITORY)) {
                    return Optional.of(repository.path("path").asText());
                }
            }
            return Optional.empty(); // created by the first mail stored in it
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private long retrySize() {
        return retryPath().map(path -> {
            try {
                return JSON.readTree(get("/mailRepositories/" + path)).path("size").asLong();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).orElse(0L);
    }

    /** What the sample's bounce-retry comment tells the operator to run. */
    private void reprocessRetryRepositoryIntoRoot() throws Exception {
        String path = retryPath().orElseThrow();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/mailRepositories/" + path + "/mails?action=reprocess&processor=root"))
            .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String taskId = JSON.readTree(response.body()).path("taskId").asText();
        JsonNode task = JSON.readTree(get("/tasks/" + taskId + "/await"));
        assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("completed");
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + james.workspace().webAdminPort() + path);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }
}
