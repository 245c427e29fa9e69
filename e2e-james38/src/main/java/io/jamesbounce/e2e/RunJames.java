package io.jamesbounce.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code scripts/run-james}: a full James 3.8.1 server with the extension on its embedded store, on
 * loopback, outbound mail relayed to an in-process SMTP sink (nothing leaves the machine); and the
 * commands to try it: send a sample DSN, send mail, list the suppressions of a stopped server.
 */
public final class RunJames {
    static final String SAMPLE_DSN = "james-common/src/test/resources/eml/dsn-user-unknown.eml";
    static final String SAMPLE_BOUNCE_ADDRESS = "bounces+alice=example.org@bounce.example.com";
    static final String REFUSED = "nobody@example.org";
    private static final String USAGE = """
        usage: scripts/run-james                 start James (Ctrl-C stops it)
               scripts/run-james send-sample [FILE [BOUNCE-ADDRESS]]
                                                 send a DSN over SMTP (default: a 550 5.1.1 for alice@example.org)
                                                 and print what became of each recipient it names
               scripts/run-james send-mail RECIPIENT...
                                                 send a mail from news@example.com through James
               scripts/run-james list            the suppressions in the H2 file (James stopped)
        """;

    private RunJames() {
    }

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(property("bounce.repository")).toAbsolutePath().normalize();
        Path jar = Path.of(property("bounce.extension-jar"));
        Path work = Path.of(property("bounce.work")).toAbsolutePath().normalize();
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        String command = args.length == 0 ? "start" : args[0];
        switch (command) {
            case "start" -> start(repository, jar, work);
            case "send-sample" -> sendSample(repository, work, rest);
            case "send-mail" -> sendMail(work, rest);
            case "list" -> {
                try {
                    list(jar, work);
                } catch (IOException e) {
                    System.err.println("error: " + e.getMessage());
                    System.exit(1);
                }
            }
            default -> {
                System.err.print(USAGE);
                System.exit(command.equals("help") || command.equals("--help") ? 0 : 2);
            }
        }
    }

    private static void start(Path repository, Path jar, Path work) throws Exception {
        PrintStream out = System.out;
        SmtpSink sink = SmtpSink.start(out::println).answer(REFUSED, "550 5.1.1 <" + REFUSED + ">: Recipient address rejected: User unknown");
        int smtpPort = portOr(2525);
        int webAdminPort = portOr(8000);
        // the demo's sample reports come back to no return path James signed: checked trust would
        // (rightly) record them as untrusted, so the demo believes every report, and says so
        JamesWorkspace workspace = JamesWorkspace.builder(repository, jar, work)
            .smtpPort(smtpPort).webAdminPort(webAdminPort).gatewayPort(sink.port()).bounceSettings("trust.mode=unchecked")
            .webAdminRoutes(Path.of(property("bounce.webadmin-routes-jar"))).build();
        Properties ports = new Properties();
        ports.setProperty("smtp.port", Integer.toString(smtpPort));
        ports.setProperty("webadmin.port", Integer.toString(webAdminPort));
        try (OutputStream file = Files.newOutputStream(work.resolve("run.properties"))) {
            ports.store(file, "scripts/run-james: the ports of the running server");
        }
        out.println("starting James 3.8.1 with the bounce extension in " + work + " ...");
        out.println("demo: trust.mode=unchecked, so that the unsigned sample reports count (as shipped, conf-samples signs "
            + "return paths and believes only reports that prove they answer our mail)");
        RunningJames james = RunningJames.start(workspace);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping James...");
            james.close();
            try {
                sink.close();
            } catch (IOException e) {
                // closing anyway
            }
            out.println("James stopped. The suppressions stay in " + work.resolve("var/bounces/suppressions.mv.db")
                + " (scripts/run-james list)");
            stopped.countDown();
        }, "run-james-stop"));
        out.printf("""

            James 3.8.1 with the bounce extension is up (boot %.1f s), on loopback only:
              SMTP       127.0.0.1:%d   bounces to bounces+<local>=<domain>@bounce.example.com or bounces@bounce.example.com,
                                          complaints (ARF) to fbl@example.com; mail from 127.0.0.1 may relay
              WebAdmin   http://127.0.0.1:%d   the bounce routes: /bounces/suppressions, /bounces/allowlist,
                                          /bounces/domains (docs/webadmin.md); James' metrics: /metrics
              dashboard  http://127.0.0.1:%d/bounces/dashboard   open it in a browser
              remote MX  127.0.0.1:%d   a sink standing for every remote server: RemoteDelivery relays there, nothing
                                          leaves the machine; it refuses %s with 550 5.1.1
              store      %s
              log        %s
            Try it (another terminal):  scripts/run-james send-sample
            Ctrl-C stops James.

            """, james.bootTime().toMillis() / 1000.0, smtpPort, webAdminPort, webAdminPort, sink.port(), REFUSED,
            work.resolve("var/bounces/suppressions.mv.db"), workspace.log());
        stopped.await();
    }

    private static void sendSample(Path repository, Path work, List<String> args) throws IOException, InterruptedException {
        Path file = args.isEmpty() ? repository.resolve(SAMPLE_DSN) : Path.of(args.get(0));
        String to = args.size() > 1 ? args.get(1) : SAMPLE_BOUNCE_ADDRESS;
        int port = runningPort(work, "smtp.port");
        byte[] sample = Files.readAllBytes(file);
        List<String> recipients = ReportOutcome.recipientsOf(sample);
        int webAdmin = runningPort(work, "webadmin.port");
        Map<String, ReportOutcome.Before> before = new LinkedHashMap<>();
        recipients.forEach(r -> before.put(r, ReportOutcome.before(webAdmin, r)));
        SmtpClient.send(port, "", List.of(to), sample);
        System.out.println("sent " + file + " to <" + to + "> with MAIL FROM:<> over SMTP 127.0.0.1:" + port);
        if (recipients.isEmpty()) {
            System.out.println("the file names no Final-Recipient: James' console shows what became of it");
            return;
        }
        for (String recipient : recipients) {
            System.out.println(ReportOutcome.describe(webAdmin, recipient, before.get(recipient), Duration.ofSeconds(15)));
        }
    }

    private static void sendMail(Path work, List<String> recipients) throws IOException {
        if (recipients.isEmpty()) {
            System.err.print(USAGE);
            System.exit(2);
        }
        int port = runningPort(work, "smtp.port");
        String message = "From: News <news@example.com>\r\nTo: " + String.join(", ", recipients) + "\r\nSubject: Hello from run-james\r\n"
            + "Message-ID: <run-james-" + System.nanoTime() + "@example.com>\r\n\r\nHello.\r\n";
        SmtpClient.send(port, "news@example.com", recipients, message.getBytes(StandardCharsets.US_ASCII));
        System.out.println("sent to " + recipients + " from news@example.com over SMTP 127.0.0.1:" + port
            + "; James' console shows what the sink received and every suppressed recipient dropped");
    }

    /**
     * The suppressions, as one table: over WebAdmin while this demo's James runs (its H2 file is locked
     * then), from the H2 file when it is stopped. Labels as everywhere else ({@code user-unknown}, {@code dsn}).
     */
    private static void list(Path jar, Path work) throws IOException {
        Path var = work.resolve("var");
        Optional<Integer> webAdmin = answeringWebAdmin(work);
        List<Map<String, String>> all = new ArrayList<>();
        String from;
        if (webAdmin.isPresent()) {
            String after = null;
            do {
                String path = "/bounces/suppressions?limit=1000" + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
                JsonNode page = new ObjectMapper().readTree(get(webAdmin.get(), path));
                for (JsonNode item : page.path("items")) {
                    Map<String, String> row = new LinkedHashMap<>();
                    item.fields().forEachRemaining(f -> row.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
                    all.add(row);
                }
                after = page.path("next").isTextual() ? page.path("next").asText() : null;
            } while (after != null);
            from = "James' WebAdmin on port " + webAdmin.get() + " (James is running)";
        } else {
            if (!Files.exists(var.resolve("bounces/suppressions.mv.db"))) {
                System.out.println("no suppression store yet in " + var + ": start James once (scripts/run-james)");
                return;
            }
            try (ExtensionStore store = ExtensionStore.openEmbedded(jar, var)) {
                for (Map<String, String> s : store.suppressions()) {
                    Map<String, String> row = new LinkedHashMap<>(s);
                    row.put("category", label(s.get("category")));
                    row.put("source", label(s.get("source")));
                    all.add(row);
                }
            } catch (IOException | RuntimeException e) {
                throw new IOException("cannot read " + var.resolve("bounces/suppressions.mv.db") + ": " + rootCause(e));
            }
            from = var.resolve("bounces/suppressions.mv.db").toString();
        }
        System.out.printf("%-40s %-16s %-28s %-6s %-6s %s%n", "ADDRESS", "CATEGORY", "SOURCE", "CODE", "STATUS", "SINCE");
        for (Map<String, String> s : all) {
            System.out.printf("%-40s %-16s %-28s %-6s %-6s %s%n", s.get("address"), s.get("category"), s.get("source"),
                dash(s.get("replyCode")), dash(s.get("status")), s.get("suppressedAt"));
        }
        System.out.println(all.size() + " suppression(s) in " + from);
    }

    private static String get(int port, String path) throws IOException {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("WebAdmin answered " + response.statusCode() + " to GET " + path + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The port of this demo's WebAdmin when something answers on it. */
    private static Optional<Integer> answeringWebAdmin(Path work) throws IOException {
        if (!Files.exists(work.resolve("run.properties"))) {
            return Optional.empty();
        }
        int port = runningPort(work, "webadmin.port");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return Optional.of(port);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code USER_UNKNOWN} as the rest of the product writes it: {@code user-unknown}. */
    private static String label(String enumName) {
        return enumName == null ? null : enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String dash(String value) {
        return value == null || value.isEmpty() || value.equals("null") ? "-" : value;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static int runningPort(Path work, String key) throws IOException {
        Path file = work.resolve("run.properties");
        if (!Files.exists(file)) {
            throw new IOException("no running James found (" + file + " missing): start it with scripts/run-james");
        }
        Properties ports = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            ports.load(in);
        }
        return Integer.parseInt(ports.getProperty(key));
    }

    /** The preferred port when it is free on 127.0.0.1, else any free one. */
    private static int portOr(int preferred) throws IOException {
        try (ServerSocket socket = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException busy) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("-D" + name + " is required (scripts/run-james sets it)");
        }
        return value;
    }
}
