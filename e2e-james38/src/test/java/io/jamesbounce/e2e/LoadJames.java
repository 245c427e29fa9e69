package io.jamesbounce.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

import org.postgresql.PGConnection;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Not a test: the full James 3.8.1 server under load, printing its figures ({@code scripts/load-james
 * [dsns] [mails] [suppressed]}; {@code dsns} 0 skips the first part).
 *
 * <ol>
 *   <li>Reports recorded per second: {@code dsns} RFC 3464 reports sent over SMTP by 8 concurrent
 *   clients (each report its own connection and recipient), timed from the first connection until the
 *   last report's suppression is in the store; on the embedded H2 store, then on PostgreSQL.</li>
 *   <li>Outbound relay throughput: {@code mails} newsletters from a local sender, one recipient each (none
 *   suppressed), submitted by 8 clients and relayed by RemoteDelivery to a loopback SMTP sink, timed from
 *   the first submission until the sink has them all. With the extension (PostgreSQL store holding
 *   {@code suppressed} suppressed addresses: every recipient is a lookup that misses the cache, VERP,
 *   the sent-message record, the rate counters), and the same server without the extension, the two
 *   alternately, in rounds of one each ({@code LOAD_ROUNDS} in the script, 2 by default), each server in
 *   a JVM of its own; each relays two batches to warm up, then a timed one. Printed: the best timed
 *   batch of each (the machine's other work only ever slows a batch down), the median of the rounds'
 *   ratios (the two servers of a round run back to back, so their ratio suffers less from the
 *   machine's drift), and the CPU per relayed mail, the JVM's and PostgreSQL's ({@link ProcessTreeCpu}).</li>
 * </ol>
 */
public final class LoadJames {
    private static final int CLIENTS = 8;
    /** Rounds of one server with and one without the extension ({@code LOAD_ROUNDS} in the script). */
    private static final int ROUNDS = Integer.getInteger("load.rounds", 2);
    /** Batches per server, the last one timed ({@code LOAD_BATCHES} in the script). */
    private static final int BATCHES = Integer.getInteger("load.batches", 3);
    private static final String RELAY = "--relay";
    private static final String RESULT = "RELAY-RESULT";
    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final String SENDER = "news@example.com";
    private static final SplittableRandom RANDOM = new SplittableRandom();

    private LoadJames() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(RELAY)) {
            relayInThisJvm(args[1].equals("with"), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            // James 3.8.1's memory mail queue leaves non-daemon threads behind a stopped server
            System.exit(0);
        }
        int dsns = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int mails = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int suppressed = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        System.out.printf(Locale.ROOT, "load-james: James 3.8.1, %d SMTP clients; %,d DSNs, %,d outbound mails, %,d suppressed addresses%n",
            CLIENTS, dsns, mails, suppressed);

        if (dsns > 0) {
            ingest("h2", dsns, builder -> builder);
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
                ingest("postgres", dsns, builder -> postgres(builder, postgres));
            }
        }

        double bestWith = 0;
        double bestWithout = 0;
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            // in turn first: the machine's state (page cache, the other core's work) drifts over a run
            boolean withFirst = round % 2 == 1;
            Relayed with = null;
            Relayed without = null;
            for (boolean extension : withFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                Relayed relayed = relayInAChildJvm(extension, mails, suppressed, round);
                if (extension) {
                    with = relayed;
                } else {
                    without = relayed;
                }
            }
            bestWith = Math.max(bestWith, with.rate());
            bestWithout = Math.max(bestWithout, without.rate());
            ratios.add(with.rate() / without.rate());
            cpuRatios.add(without.cpuMicrosPerMail() / with.cpuMicrosPerMail());
            System.out.printf(Locale.ROOT, "LOAD-JAMES round %d: with %.1f, without %.1f mails/s: %.1f%%; CPU per mail with %.0f us, without %.0f us: %.1f%%%n",
                round + 1, with.rate(), without.rate(), 100 * with.rate() / without.rate(), with.cpuMicrosPerMail(), without.cpuMicrosPerMail(),
                100 * without.cpuMicrosPerMail() / with.cpuMicrosPerMail());
        }
        // the servers of one round ran back to back: their ratio is less exposed to the machine's drift than the best of each
        System.out.printf(Locale.ROOT, "LOAD-JAMES outbound: with the extension %.1f mails/s, without %.1f mails/s (best of %d each):"
            + " %.1f%%; median of the rounds' ratios %.1f%%; CPU per mail without / with, median of the rounds %.1f%%%s (target >= 90%%)%n",
            bestWith, bestWithout, ROUNDS, 100 * bestWith / bestWithout, 100 * median(ratios), 100 * median(cpuRatios),
            ProcessTreeCpu.seesOtherProcesses() ? "" : " (PostgreSQL's processes not counted: no /proc)");
        System.exit(0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /**
     * One server per JVM: in a JVM that ran other servers, James' own code is compiled for their mix of
     * mailets and the extension, loaded by a class loader of each server's own, starts cold each time.
     */
    private static Relayed relayInAChildJvm(boolean with, int mails, int suppressed, int round) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        // a log of its own (a later -D wins)
        command.add("-Dload.log=" + System.getProperty("load.log", "load-james.log").replaceFirst("\\.log$", "")
            + "-relay-" + (with ? "with" : "without") + "-" + round + ".log");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadJames.class.getName(),
            RELAY, with ? "with" : "without", Integer.toString(mails), Integer.toString(suppressed), Integer.toString(round)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        Relayed relayed = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(RESULT)) {
                    String[] figures = line.substring(RESULT.length()).trim().split(" ");
                    relayed = new Relayed(Double.parseDouble(figures[0]), Double.parseDouble(figures[1]));
                } else if (line.startsWith("LOAD-JAMES") || line.contains("ERROR") || line.contains("Exception")) {
                    System.out.println(line);
                }
            }
        }
        if (child.waitFor() != 0 || relayed == null) {
            throw new IllegalStateException("the relay run " + (with ? "with" : "without") + " the extension failed: exit " + child.exitValue());
        }
        return relayed;
    }

    private static void relayInThisJvm(boolean with, int mails, int suppressed, int round) throws Exception {
        int offset = round * BATCHES * mails;
        Relayed relayed;
        if (with) {
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
                relayed = relay("with the extension, PostgreSQL", mails, offset, builder -> postgres(builder, postgres),
                    () -> loadSuppressions(postgres, suppressed));
            }
        } else {
            relayed = relay("without the extension", mails, offset, builder -> builder.withoutExtension(), () -> { });
        }
        System.out.println(RESULT + " " + relayed.rate() + " " + relayed.cpuMicrosPerMail());
    }

    private interface Backend {
        JamesWorkspace.Builder apply(JamesWorkspace.Builder builder) throws Exception;
    }

    private static JamesWorkspace.Builder postgres(JamesWorkspace.Builder builder, EmbeddedPostgres postgres) {
        return builder.postgres(new JamesWorkspace.Postgres("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", "postgres"))
            // the sample's pool (the end-to-end tests use 4 connections)
            .bounceSettings("postgres.pool-size=10");
    }

    private static void ingest(String backend, int dsns, Backend store) throws Exception {
        try (SmtpSink sink = SmtpSink.start(); RunningJames james = start(sink, store)) {
            ExtensionStore extension = james.store();
            int port = james.workspace().smtpPort();
            long start = System.nanoTime();
            double accepted = concurrently(dsns, i -> {
                String returnPath = "bounces+load" + i + "=load.example@bounce.example.com";
                send(port, "", returnPath, JamesServerScenarios.dsn(returnPath, "load" + i + "@load.example", "<load-" + i + "@mx.example.net>"));
            });
            LongSupplier recorded = () -> extension.suppressions().stream().filter(s -> s.get("address").endsWith("@load.example")).count();
            waitFor(dsns, recorded, Duration.ofMillis(250));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "LOAD-JAMES ingest backend=%s: %,d DSNs recorded in %.1f s = %.0f DSNs/s (SMTP accepted them all in %.1f s)%n",
                backend, dsns, seconds, dsns / seconds, accepted);
        }
    }

    /**
     * Starts a server and relays {@link #BATCHES} batches of {@code mails} newsletters to fresh
     * recipients: the first ones warm the JIT up, the last is timed. Answers its mails per second.
     */
    private static Relayed relay(String what, int mails, int offset, Backend backend, Runnable beforeSending) throws Exception {
        try (SmtpSink sink = SmtpSink.start(); RunningJames james = start(sink, backend)) {
            beforeSending.run();
            int port = james.workspace().smtpPort();
            Relayed relayed = null;
            for (int batch = 0; batch < BATCHES; batch++) {
                int first = offset + batch * mails;
                long jvmBefore = ProcessTreeCpu.jvmNanos();
                long postgresBefore = ProcessTreeCpu.postgresNanos();
                long start = System.nanoTime();
                concurrently(mails, i -> {
                    String recipient = "reader" + (first + i) + "@r" + (i % 500) + ".example";
                    send(port, SENDER, recipient, E2e.newsletter(SENDER, List.of(recipient), "Issue " + i));
                });
                waitFor((batch + 1) * mails, () -> sink.deliveries().size(), Duration.ofMillis(50));
                double seconds = (System.nanoTime() - start) / 1e9;
                double jvm = (ProcessTreeCpu.jvmNanos() - jvmBefore) / 1e3 / mails;
                double postgres = (ProcessTreeCpu.postgresNanos() - postgresBefore) / 1e3 / mails;
                relayed = new Relayed(mails / seconds, jvm + postgres);
                System.out.printf(Locale.ROOT, "LOAD-JAMES outbound %s, %s: %,d mails relayed in %.1f s = %.1f mails/s,"
                    + " %.0f us of CPU per mail (this JVM %.0f, PostgreSQL %.0f)%n",
                    what, batch < BATCHES - 1 ? "warm-up" : "timed", mails, seconds, relayed.rate(), relayed.cpuMicrosPerMail(), jvm, postgres);
            }
            return relayed;
        }
    }

    /**
     * A timed batch: mails per second, and the CPU it took per mail (the JVM, which also runs the SMTP
     * clients and the sink, plus PostgreSQL's processes).
     */
    private record Relayed(double rate, double cpuMicrosPerMail) {
    }

    private static RunningJames start(SmtpSink sink, Backend backend) throws Exception {
        Path work = Files.createTempDirectory("load-james-");
        JamesWorkspace.Builder builder = JamesWorkspace.builder(E2e.repositoryRoot(), E2e.extensionJar(), work)
            // the reports go to unsigned return paths, as the end-to-end scenarios send them
            .bounceSettings("trust.mode=unchecked")
            .smtpPort(listeningPort())
            .webAdminPort(listeningPort())
            .gatewayPort(sink.port())
            // several servers one after the other in this JVM
            .withoutProcessorMBeans();
        return RunningJames.start(backend.apply(builder).build());
    }

    /**
     * A free port below the ephemeral range: thousands of SMTP connections here each take an ephemeral
     * port, and one of them once took the port picked for the next server's WebAdmin before it bound.
     */
    private static int listeningPort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + RANDOM.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException busy) {
                // taken: try another
            }
        }
        throw new IOException("no free port between 20000 and 32000 on loopback");
    }

    /** Runs {@code task(0..count-1)} on {@link #CLIENTS} SMTP clients; answers the seconds it took. */
    private static double concurrently(int count, E2e.Sending task) throws Exception {
        long start = System.nanoTime();
        E2e.concurrently(CLIENTS, 0, count, task);
        return (System.nanoTime() - start) / 1e9;
    }

    private static void send(int port, String sender, String recipient, byte[] message) throws IOException {
        SmtpClient.send(port, sender, List.of(recipient), message);
    }

    private static void waitFor(int expected, LongSupplier count, Duration poll) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long seen;
        while ((seen = count.getAsLong()) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen + " of " + expected + " after " + PATIENCE.toMinutes() + " minutes");
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /**
     * Fills the suppression table James created (batched COPY, as an operator seeds a cluster) with
     * addresses no newsletter here goes to: every recipient's lookup reads the table and finds nothing.
     */
    private static void loadSuppressions(EmbeddedPostgres postgres, int count) {
        long start = System.nanoTime();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            String sql = "COPY suppression (address, domain, category, source, rule_id, suppressed_at) FROM STDIN";
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < count; i++) {
                rows.append("gone").append(i).append("@r").append(i % 500).append(".example\tr").append(i % 500)
                    .append(".example\tuser-unknown\tIMPORT\timport\t2026-03-01T08:00:00Z\n");
                if (rows.length() > 8_000_000 || i == count - 1) {
                    connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
                    rows.setLength(0);
                }
            }
            // as after any bulk load: without it, autovacuum and the first reads' hint-bit writes would
            // compete with the timed mail for the machine's two cores
            try (Statement vacuum = connection.createStatement()) {
                vacuum.execute("VACUUM (ANALYZE) suppression");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot load the suppressions", e);
        }
        System.out.printf(Locale.ROOT, "LOAD-JAMES %,d suppressed addresses in PostgreSQL (loaded in %.1f s)%n",
            E2e.sqlCount(postgres, "SELECT count(*) FROM suppression"), (System.nanoTime() - start) / 1e9);
    }
}
