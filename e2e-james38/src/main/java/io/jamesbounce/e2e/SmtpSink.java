package io.jamesbounce.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The remote mail servers, on 127.0.0.1: the gateway RemoteDelivery relays to. Accepts every
 * recipient unless told to answer it with a given reply; records every {@code RCPT TO} it was
 * asked (an attempt, accepted or not) and every message it received.
 */
public final class SmtpSink implements AutoCloseable {
    /** One {@code RCPT TO} James sent, under the {@code MAIL FROM} of its transaction, and what the sink answered. */
    public record Attempt(String mailFrom, String recipient, String reply) {
        public boolean accepted() {
            return reply.startsWith("250");
        }
    }

    /** A message accepted at the end of DATA, and when. */
    public record Delivery(String mailFrom, List<String> recipients, String data, Instant at) {
    }

    private static final int IDLE_TIMEOUT_MS = 30_000;
    private final ServerSocket server;
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Consumer<String> log;

    private SmtpSink(Consumer<String> log) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.log = log;
        Thread.ofPlatform().daemon().name("smtp-sink").start(this::acceptLoop);
    }

    public static SmtpSink start() throws IOException {
        return new SmtpSink(line -> { });
    }

    /** A sink that also reports each transaction to {@code log}, one line each. */
    public static SmtpSink start(Consumer<String> log) throws IOException {
        return new SmtpSink(log);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Answers {@code RCPT TO:<recipient>} with {@code reply} (e.g. {@code 550 5.1.1 ...}) instead of 250. */
    public SmtpSink answer(String recipient, String reply) {
        replies.put(recipient.toLowerCase(Locale.ROOT), reply);
        return this;
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Every recipient James tried to reach, accepted or refused. */
    public List<String> contacted() {
        return attempts.stream().map(Attempt::recipient).toList();
    }

    public List<String> delivered() {
        return deliveries.stream().flatMap(d -> d.recipients().stream()).toList();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.accept("sink: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(IDLE_TIMEOUT_MS);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            write(out, "220 sink.localhost ESMTP loopback sink");
            String from = null;
            List<String> accepted = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    write(out, "250-sink.localhost\r\n250 8BITMIME");
                } else if (upper.startsWith("HELO")) {
                    write(out, "250 sink.localhost");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = path(line.substring("MAIL FROM:".length()));
                    accepted.clear();
                    write(out, "250 2.1.0 ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    String recipient = path(line.substring("RCPT TO:".length()));
                    String reply = replies.getOrDefault(recipient.toLowerCase(Locale.ROOT), "250 2.1.5 ok");
                    attempts.add(new Attempt(from, recipient, reply));
                    if (reply.startsWith("250")) {
                        accepted.add(recipient);
                    }
                    write(out, reply);
                } else if (upper.equals("DATA")) {
                    if (accepted.isEmpty()) {
                        write(out, "554 5.5.1 no valid recipients");
                        continue;
                    }
                    write(out, "354 go ahead");
                    StringBuilder data = new StringBuilder();
                    String l;
                    while ((l = in.readLine()) != null && !l.equals(".")) {
                        data.append(l.startsWith(".") ? l.substring(1) : l).append("\r\n");
                    }
                    deliveries.add(new Delivery(from, List.copyOf(accepted), data.toString(), Instant.now()));
                    log.accept("sink: delivered MAIL FROM:<" + from + "> RCPT TO:" + accepted);
                    accepted.clear();
                    write(out, "250 2.0.0 queued");
                } else if (upper.startsWith("RSET")) {
                    from = null;
                    accepted.clear();
                    write(out, "250 2.0.0 ok");
                } else if (upper.startsWith("QUIT")) {
                    write(out, "221 2.0.0 bye");
                    return;
                } else {
                    write(out, "250 ok");
                }
            }
        } catch (SocketException e) {
            // James closed the connection
        } catch (IOException e) {
            log.accept("sink: connection failed: " + e);
        }
    }

    /** {@code <a@b> SIZE=12} → {@code a@b}. */
    private static String path(String argument) {
        String s = argument.trim();
        int close = s.indexOf('>');
        if (s.startsWith("<") && close > 0) {
            return s.substring(1, close);
        }
        int space = s.indexOf(' ');
        return space > 0 ? s.substring(0, space) : s;
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
