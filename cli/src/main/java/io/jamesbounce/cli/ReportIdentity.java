package io.jamesbounce.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.text.MailDates;

/**
 * What identifies a report across runs, as the James mailet derives it: its own Message-ID, else a
 * SHA-256 of its bytes, so that scanning a backlog twice records nothing twice; and when it was
 * written (its Date, unless missing or in the future).
 */
record ReportIdentity(String reportKey, Instant occurredAt) {
    /** A report dated further ahead than this is taken as dated now: a wrong clock must not date a streak. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);
    /** The store's width for a report key: a longer Message-ID is replaced by the digest. */
    private static final int MAX_KEY = 998;
    /** The header is read from this many bytes at most. */
    private static final int MAX_HEADER = 256 * 1024;

    static ReportIdentity of(byte[] message, Instant now) {
        String messageId = null;
        String date = null;
        String header = header(message);
        String field = null;
        StringBuilder value = new StringBuilder();
        boolean ended = false;
        for (String line : (header + "\n").split("\r\n|\r|\n", -1)) {
            if (ended) {
                break;
            }
            ended = line.isEmpty();
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && field != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            if (field != null) {
                if (field.equals("message-id") && messageId == null) {
                    messageId = value.toString().strip();
                } else if (field.equals("date") && date == null) {
                    date = value.toString().strip();
                }
            }
            int colon = line.indexOf(':');
            field = colon > 0 ? line.substring(0, colon).strip().toLowerCase(Locale.ROOT) : null;
            value.setLength(0);
            if (colon > 0) {
                value.append(line.substring(colon + 1).strip());
            }
        }
        String key = messageId != null && !messageId.isEmpty() && messageId.length() <= MAX_KEY ? messageId : "sha256:" + sha256(message);
        Instant at = Optional.ofNullable(date).flatMap(MailDates::parse).map(OffsetDateTime::toInstant)
            .filter(d -> !d.isAfter(now.plus(MAX_CLOCK_SKEW))).orElse(now);
        return new ReportIdentity(key, at);
    }

    /** The start of the message, where the header is, as ISO-8859-1 text (byte for byte), after an mbox {@code From } line. */
    private static String header(byte[] message) {
        int start = fromLineEnd(message);
        int end = Math.min(message.length, start + MAX_HEADER);
        return start >= end ? "" : new String(message, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * The digest of the message as James holds it: without an mbox {@code From } line, every line
     * ending CRLF. The same report kept in a maildir, an mbox or James' own repository gets one key.
     */
    private static String sha256(byte[] message) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        int start = fromLineEnd(message);
        byte[] buffer = new byte[8192];
        int n = 0;
        for (int i = start; i < message.length; i++) {
            byte b = message[i];
            if (n > buffer.length - 2) {
                digest.update(buffer, 0, n);
                n = 0;
            }
            if (b == '\r') {
                buffer[n++] = '\r';
                buffer[n++] = '\n';
                if (i + 1 < message.length && message[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                buffer[n++] = '\r';
                buffer[n++] = '\n';
            } else {
                buffer[n++] = b;
            }
        }
        digest.update(buffer, 0, n);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Where the message starts: after its mbox {@code From } line, if it has one. */
    private static int fromLineEnd(byte[] message) {
        if (message.length < 5 || message[0] != 'F' || message[1] != 'r' || message[2] != 'o' || message[3] != 'm' || message[4] != ' ') {
            return 0;
        }
        int i = 0;
        while (i < message.length && message[i] != '\n') {
            i++;
        }
        return Math.min(message.length, i + 1);
    }
}
