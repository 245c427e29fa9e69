package io.jamesbounce.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.apache.james.core.MailAddress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** What the end-to-end tests share: fixtures, the jar, free loopback ports, bounded waits, WebAdmin. */
final class E2e {
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private E2e() {
    }

    static Path repositoryRoot() {
        return Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();
    }

    static Path extensionJar() {
        return Path.of(System.getProperty("extension.jar.james38"));
    }

    /** A hand-written .eml of the matchers' tests, byte for byte. */
    static byte[] fixture(String name) throws IOException {
        try (InputStream in = E2e.class.getResourceAsStream("/eml/" + name)) {
            if (in == null) {
                throw new IOException("no fixture /eml/" + name);
            }
            return in.readAllBytes();
        }
    }

    /** What one SMTP client does with the i-th number: send the i-th report, mail... */
    @FunctionalInterface
    interface Sending {
        void send(int i) throws IOException;
    }

    /** {@code clients} SMTP connections at once, each taking the next number from {@code from} until {@code to}. */
    static void concurrently(int clients, int from, int to, Sending sending) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger(from);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                        sending.send(i);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Polls every 20 ms; fails after {@link #WAIT}, naming what it waited for. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, WAIT, condition);
    }

    /** Polls every 20 ms; fails after {@code wait}, naming what it waited for. */
    static void await(String what, Duration wait, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + wait.toSeconds() + " s waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** The first column of the first row of {@code sql}, read outside James; -1 while PostgreSQL is down. */
    static long sqlCount(EmbeddedPostgres postgres, String sql) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** How many mails a James queue holds, through WebAdmin; James' memory queue counts a mail until it is processed. */
    static long queueSize(int webAdminPort, String queue) {
        return json(webAdmin(webAdminPort, "/mailQueues/" + queue)).path("size").asLong();
    }

    /** How many mails the repository whose URL contains {@code name} holds, through WebAdmin; 0 before its first. */
    static long repositorySize(int webAdminPort, String name) {
        for (JsonNode repository : json(webAdmin(webAdminPort, "/mailRepositories"))) {
            if (repository.path("repository").asText().contains(name)) {
                return json(webAdmin(webAdminPort, "/mailRepositories/" + repository.path("path").asText())).path("size").asLong();
            }
        }
        return 0;
    }

    /**
     * The recipients of every mail of the repositories whose URL contains {@code name}, read in James' JVM
     * ({@link RunningJames#repositoryMails}: James 3.8.1's WebAdmin leaks each mail it details).
     */
    static List<String> repositoryRecipients(RunningJames james, String name) {
        return james.repositoryMails(name, mail -> mail.getRecipients().stream().map(MailAddress::asString).toList()).stream()
            .flatMap(List::stream).toList();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] newsletter(String from, List<String> to, String subject) {
        return ("From: News <" + from + ">\r\nTo: " + String.join(", ", to) + "\r\nSubject: " + subject + "\r\n"
            + "Message-ID: <" + System.nanoTime() + "@example.com>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nHello.\r\n.a line with a leading dot\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    }

    /** GET on James' WebAdmin; the body, or an AssertionError naming the status. */
    static String webAdmin(int port, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
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
}
