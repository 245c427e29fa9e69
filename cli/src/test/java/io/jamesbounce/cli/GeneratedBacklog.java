package io.jamesbounce.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A backlog of generated reports for scan tests: message {@code i} is one of five kinds, in turn,
 * each to its own recipient {@code user<i>@domain<i % 4>.example}:
 * <ol start="0">
 *   <li>an RFC 3464 DSN, 5.1.1 user unknown (suppressed at once)</li>
 *   <li>a DSN, 5.2.2 mailbox full (a soft failure: pending)</li>
 *   <li>a DSN, 5.1.2 bad domain (suppressed at once)</li>
 *   <li>a DSN, 5.7.1 spam rejection (counted against the domain)</li>
 *   <li>an RFC 5965 abuse report (a complaint: suppressed at once)</li>
 * </ol>
 * Every seventh message has no Message-ID, so its report key is the digest of its bytes.
 */
final class GeneratedBacklog {
    static final int KINDS = 5;
    static final Instant DATE = Instant.parse("2025-03-01T08:00:00Z");
    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH)
        .withZone(ZoneOffset.UTC);

    private GeneratedBacklog() {
    }

    static String recipient(int i) {
        return "user" + i + "@domain" + i % 4 + ".example";
    }

    static String message(int i) {
        String date = RFC_5322.format(DATE.plusSeconds(i));
        String id = i % 7 == 3 ? "" : "Message-ID: <report-" + i + "@mx.generated.example>\n";
        String rcpt = recipient(i);
        if (i % KINDS == 4) {
            return "From: abuse@fbl.generated.example\nTo: bounces@sender.example\nSubject: complaint about message\n"
                + "Date: " + date + "\n" + id + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"b" + i + "\"\n\n"
                + "--b" + i + "\nContent-Type: text/plain\n\nThis is an email abuse report.\n\n"
                + "--b" + i + "\nContent-Type: message/feedback-report\n\n"
                + "Feedback-Type: abuse\nUser-Agent: generator/1.0\nVersion: 1\nOriginal-Rcpt-To: <" + rcpt + ">\n"
                + "Arrival-Date: " + date + "\n\n"
                + "--b" + i + "\nContent-Type: message/rfc822\n\n"
                + "From: news@sender.example\nTo: " + rcpt + "\nSubject: news " + i + "\nMessage-ID: <news-" + i + "@sender.example>\n\nHello\n\n"
                + "--b" + i + "--\n";
        }
        String[] status = {"5.1.1", "5.2.2", "5.1.2", "5.7.1"};
        String[] text = {
            "550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown in virtual mailbox table",
            "552 5.2.2 <" + rcpt + ">: Mailbox full, quota exceeded",
            "550 5.1.2 Host or domain name not found. Name service error for name=domain" + i % 4 + ".example",
            "550 5.7.1 Message rejected as spam by Content Filtering"};
        int k = i % KINDS;
        return "From: MAILER-DAEMON@mx.generated.example\nTo: bounces@sender.example\nSubject: Undelivered Mail Returned to Sender\n"
            + "Date: " + date + "\n" + id + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b" + i + "\"\n\n"
            + "--b" + i + "\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
            + "--b" + i + "\nContent-Type: message/delivery-status\n\n"
            + "Reporting-MTA: dns; mx.generated.example\n\n"
            + "Final-Recipient: rfc822; " + rcpt + "\nAction: failed\nStatus: " + status[k] + "\n"
            + "Remote-MTA: dns; mx.domain" + i % 4 + ".example\nDiagnostic-Code: smtp; " + text[k] + "\n\n"
            + "--b" + i + "\nContent-Type: text/rfc822-headers\n\n"
            + "From: news@sender.example\nTo: " + rcpt + "\nSubject: news " + i + "\nMessage-ID: <news-" + i + "@sender.example>\n\n"
            + "--b" + i + "--\n";
    }

    /** One file per message in a maildir's {@code cur}. */
    static Path maildir(Path folder, int count) throws IOException {
        Path cur = Files.createDirectories(folder.resolve("cur"));
        Files.createDirectories(folder.resolve("new"));
        Files.createDirectories(folder.resolve("tmp"));
        for (int i = 0; i < count; i++) {
            Files.writeString(cur.resolve(String.format("%06d.generated:2,S", i)), message(i), StandardCharsets.UTF_8);
        }
        return folder;
    }

    /** The same messages in one mbox file, each after a {@code From } line and followed by an empty line. */
    static Path mbox(Path file, int count) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < count; i++) {
                out.write(("From MAILER-DAEMON Sat Mar  1 08:00:00 2025\n" + message(i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }
}
