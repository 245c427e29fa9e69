package io.jamesbounce.core.mime;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Generates hostile messages: a DSN carrying a huge attachment (streamed, never held whole), a
 * multipart with thousands of parts, and a DSN whose notice holds one adversarial long line.
 */
public final class HostileMessages {
    private static final String DSN_HEAD = """
        From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r
        To: sender@example.org\r
        Subject: Undelivered Mail Returned to Sender\r
        MIME-Version: 1.0\r
        Content-Type: multipart/report; report-type=delivery-status; boundary="B0"\r
        \r
        --B0\r
        Content-Type: text/plain; charset=us-ascii\r
        \r
        %s\r
        --B0\r
        Content-Type: message/delivery-status\r
        \r
        Reporting-MTA: dns; mx.example.net\r
        \r
        Final-Recipient: rfc822; gone@example.com\r
        Action: failed\r
        Status: 5.1.1\r
        Diagnostic-Code: smtp; 550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown\r
        \r
        --B0\r
        Content-Type: message/rfc822\r
        \r
        From: sender@example.org\r
        To: gone@example.com\r
        Subject: big\r
        Message-ID: <big@example.org>\r
        MIME-Version: 1.0\r
        Content-Type: multipart/mixed; boundary="B1"\r
        \r
        --B1\r
        Content-Type: text/plain\r
        \r
        hello\r
        --B1\r
        Content-Type: application/octet-stream\r
        Content-Transfer-Encoding: base64\r
        \r
        """;
    private static final String DSN_TAIL = "\r\n--B1--\r\n\r\n--B0--\r\n";
    private static final String NOTICE = "This is the mail system at host mx.example.net.\r\n\r\n<gone@example.com>: host mx.example.com said: 550 5.1.1 User unknown (in reply to RCPT TO command)";

    private HostileMessages() {
    }

    /** A bounce for gone@example.com whose returned message carries a base64 attachment of about {@code size} bytes. */
    public static InputStream dsnWithAttachment(long size) {
        byte[] head = DSN_HEAD.formatted(NOTICE).getBytes(StandardCharsets.US_ASCII);
        byte[] tail = DSN_TAIL.getBytes(StandardCharsets.US_ASCII);
        byte[] line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n".getBytes(StandardCharsets.US_ASCII);
        long bodyLines = Math.max(0, (size - head.length - tail.length) / line.length);
        return new InputStream() {
            private long position;
            private final long total = head.length + bodyLines * line.length + tail.length;

            @Override
            public int read() {
                if (position >= total) {
                    return -1;
                }
                long p = position++;
                if (p < head.length) {
                    return head[(int) p];
                }
                p -= head.length;
                if (p < bodyLines * line.length) {
                    return line[(int) (p % line.length)];
                }
                return tail[(int) (p - bodyLines * line.length)];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= total) {
                    return -1;
                }
                int n = 0;
                while (n < len && position < total) {
                    b[off + n++] = (byte) read();
                }
                return n;
            }
        };
    }

    /** A bounce for gone@example.com whose report holds {@code parts} small text parts after the notice. */
    public static byte[] dsnWithParts(int parts) {
        StringBuilder sb = new StringBuilder(DSN_HEAD.substring(0, DSN_HEAD.indexOf("--B0\r\nContent-Type: message/rfc822")).formatted(NOTICE));
        for (int i = 0; i < parts; i++) {
            sb.append("--B0\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append(" of the report\r\n");
        }
        sb.append("--B0--\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A bounce for gone@example.com whose notice has one line of {@code unit} repeated to about {@code length} characters. */
    public static byte[] dsnWithLongLine(String unit, int length) {
        StringBuilder line = new StringBuilder(length + unit.length());
        while (line.length() < length) {
            line.append(unit);
        }
        String notice = NOTICE + "\r\n" + line + "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(DSN_HEAD.formatted(notice).getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes("aGVsbG8=\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(DSN_TAIL.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** A notice with no DSN part at all, only the long line: exercises the text decoders and the classifier. */
    public static byte[] noticeWithLongLine(String unit, int length) {
        StringBuilder sb = new StringBuilder(length + 400);
        sb.append("From: MAILER-DAEMON@mx.example.net\r\nTo: sender@example.org\r\nSubject: Mail delivery failed\r\n\r\n")
            .append("This message was created automatically by mail delivery software.\r\n\r\n")
            .append("A message that you sent could not be delivered to one or more of its recipients.\r\n\r\n")
            .append("  gone@example.com\r\n    SMTP error from remote mail server after RCPT TO:<gone@example.com>:\r\n    550 5.1.1 user unknown\r\n");
        int start = sb.length();
        while (sb.length() - start < length) {
            sb.append(unit);
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
