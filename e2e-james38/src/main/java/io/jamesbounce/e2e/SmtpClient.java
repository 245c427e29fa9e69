package io.jamesbounce.e2e;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A small SMTP client for loopback tests: one transaction per call, lines normalised to CRLF,
 * dot-stuffed, bounded by timeouts. Any reply other than the expected one fails with the reply text.
 */
public final class SmtpClient {
    private static final int TIMEOUT_MS = 20_000;

    private SmtpClient() {
    }

    /** Sends {@code message} with {@code MAIL FROM:<sender>} ("" for the null reverse-path). */
    public static void send(int port, String sender, List<String> recipients, byte[] message) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.setTcpNoDelay(true); // the message and its ending dot are two writes: no 40 ms Nagle wait between them
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "EHLO client.localhost", "250");
            command(out, in, "MAIL FROM:<" + sender + ">", "250");
            for (String recipient : recipients) {
                command(out, in, "RCPT TO:<" + recipient + ">", "250");
            }
            command(out, in, "DATA", "354");
            out.write(dataLines(message));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(in, "250");
            command(out, in, "QUIT", "221");
        }
    }

    /** The message as SMTP DATA: every line ending CRLF, lines starting with a dot doubled. */
    static byte[] dataLines(byte[] message) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < message.length && message[i + 1] == '\n') {
                    i++;
                }
                data.write('\r');
                data.write('\n');
                lineStart = true;
                continue;
            }
            if (lineStart && b == '.') {
                data.write('.');
            }
            data.write(b);
            lineStart = false;
        }
        if (!lineStart) {
            data.write('\r');
            data.write('\n');
        }
        return data.toByteArray();
    }

    private static void command(OutputStream out, BufferedReader in, String command, String code) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        try {
            expect(in, code);
        } catch (IOException e) {
            throw new IOException(command + ": " + e.getMessage(), e);
        }
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed after: " + reply);
            }
            reply.append(line).append(' ');
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) {
            throw new IOException("expected " + code + ", got: " + reply.toString().trim());
        }
    }
}
