package io.jamesbounce.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One way to damage a message. Each operator is pure given its {@link Random}: the same seed and the
 * same random state give the same bytes, so any input a campaign produced can be produced again.
 *
 * <p>The operators aim at what mail parsers get wrong: bytes at random, structure (chunks deleted,
 * duplicated, spliced from another message), MIME boundaries and headers, charset names, sheer size
 * (one chunk repeated up to 32 KiB), line endings, nesting depth.
 */
public enum Mutation {
    BYTE_FLIP {
        @Override
        byte[] apply(byte[] in, byte[] other, Random random) {
            if (in.length == 0) {
                return new byte[] {(byte) random.nextInt(256)};
            }
            byte[] out = in.clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                int at = random.nextInt(out.length);
                out[at] = random.nextBoolean() ? (byte) (out[at] ^ (1 << random.nextInt(8))) : INTERESTING[random.nextInt(INTERESTING.length)];
            }
            return out;
        }
    },
    CHUNK_DELETE {
        @Override
        byte[] apply(byte[] in, byte[] other, Random random) {
            if (in.length < 2) {
                return in;
            }
            int from = random.nextInt(in.length);
            int len = 1 + random.nextInt(Math.min(in.length - from, 1 + in.length / 4));
            return concat(slice(in, 0, from), slice(in, from + len, in.length));
        }
    },
    CHUNK_DUPLICATE {
        @Override
        byte[] apply(byte[] in, byte[] other, Random random) {
            if (in.length == 0) {
                return in;
            }
            int from = random.nextInt(in.length);
            int len = 1 + random.nextInt(Math.min(in.length - from, 4096));
            int to = random.nextInt(in.length + 1);
            return concat(slice(in, 0, to), slice(in, from, from + len), slice(in, to, in.length));
        }
    },
    SPLICE {
        @Override
        byte[] apply(byte[] in, byte[] other, Random random) {
            if (other.length == 0) {
                return in;
            }
            int cut = random.nextInt(in.length + 1);
            int from = random.nextInt(other.length);
            int to = from + random.nextInt(other.length - from + 1);
            // either insert a piece of the other message, or graft its tail onto our head
            return random.nextBoolean()
                ? concat(slice(in, 0, cut), slice(other, from, to), slice(in, cut, in.length))
                : concat(slice(in, 0, cut), slice(other, from, other.length));
        }
    },
    BOUNDARY_MANGLE {
        @Override
        byte[] apply(byte[] in, byte[] other, Random random) {
            String text = latin1(in);
            int b = indexOfIgnoreCase(text, "boundary=");
            if (b < 0) {
                return LINE_INSERT.apply(in, other, random);
            }
            int start = b + "boundary=".length();
            boolean quoted = start < text.length() && text.charAt(start) == '"';
            int end = start + (quoted ? 1 : 0);
            while (end < text.length() && text.charAt(end) != '"' && text.charAt(end) != ';' && text.charAt(end) > ' ') {
                end++;
            }
            String boundary = text.substring(start + (quoted ? 1 : 0), end);
            String replacement = switch (random.nextInt(7)) {
                case 0 -> "";
                case 1 -> boundary.isEmpty() ? "x" : boundary.substring(0, random.nextInt(boundary.length()));
                case 2 -> boundary + "--";
                case 3 -> "-".repeat(1 + random.nextInt(200));
                case 4 -> boundary.repeat(1 + random.nextInt(100));
                case 5 -> " ";
                default -> "\"" + boundary + "\r\n\t" + boundary;
            };
            if (random.nextBoolean()) {
                // change the declaration only: the delimiters in the body no longer match
                return latin1(text.substring(0, start) + replacement + text.substring(end));
            }
            // or the delimiters in the body: unclosed parts, delimiters too early, nested ones
            String delimiter = "--" + boundary;
            String mangled = switch (random.nextInt(4)) {
                case 0 -> text.replace(delimiter + "--", "");
                case 1 -> text.replace(delimiter, delimiter + "\r\n" + delimiter);
                case 2 -> text.replaceFirst(Pattern.quote(delimiter), Matcher.quoteReplacement(
                    delimiter + "\r\nContent-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n" + delimiter));
                default -> text.replace(delimiter, "--" + replacement);
            };
            return latin1(mangled);
        }
    },
    HEADER_MANGLE {
        @Override
        byte[] apply(byte[] in, byte[] other, Random random) {
            String text = latin1(in);
            int colon = nthLineWith(text, ':', random);
            if (colon < 0) {
                return LINE_INSERT.apply(in, other, random);
            }
            int lineStart = text.lastIndexOf('\n', colon) + 1;
            int lineEnd = text.indexOf('\n', colon);
            lineEnd = lineEnd < 0 ? text.length() : lineEnd + 1;
            String line = text.substring(lineStart, lineEnd);
            String head = text.substring(0, lineStart);
            String tail = text.substring(lineEnd);
            String name = text.substring(lineStart, colon);
            String mangled = switch (random.nextInt(8)) {
                case 0 -> line.replaceFirst(":", "");                           // no colon
                case 1 -> " " + line;                                           // continuation of nothing
                case 2 -> line + line + line;                                   // repeated
                case 3 -> name + ":" + " x".repeat(1 + random.nextInt(50_000)) + "\r\n"; // huge value
                case 4 -> name + ":\r\n" + "\t\r\n".repeat(1 + random.nextInt(1000));    // folded into nothing
                case 5 -> name + ": =?utf-8?B?" + "////".repeat(1 + random.nextInt(50)) + "?= =?x?Q?=FF=?=\r\n";
                case 6 -> name + ": <" + "@".repeat(1 + random.nextInt(100)) + ">;; rfc822;<>\"\\\r\n";
                default -> "\u0000" + name + "\u00ff: " + line.substring(Math.min(line.length(), name.length() + 1));
            };
            return latin1(head + mangled + tail);
        }
    },
    CHARSET_NAME {
        @Override
        byte[] apply(byte[] in, byte[] other, Random random) {
            String text = latin1(in);
            String charset = CHARSETS.get(random.nextInt(CHARSETS.size()));
            int at = indexOfIgnoreCase(text, "charset=");
            if (at < 0) {
                int ct = indexOfIgnoreCase(text, "content-type:");
                if (ct < 0) {
                    return latin1("Content-Type: text/plain; charset=" + charset + "\r\n" + text);
                }
                int eol = text.indexOf('\n', ct);
                eol = eol < 0 ? text.length() : eol;
                int cr = eol > 0 && text.charAt(eol - 1) == '\r' ? eol - 1 : eol;
                return latin1(text.substring(0, cr) + "; charset=" + charset + text.substring(cr));
            }
            int start = at + "charset=".length();
            int end = start;
            while (end < text.length() && text.charAt(end) != ';' && text.charAt(end) > ' ') {
                end++;
            }
            return latin1(text.substring(0, start) + charset + text.substring(end));
        }
    },
    HUGE_REPEAT {
        @Override
        byte[] apply(byte[] in, byte[] other, Random random) {
            byte[] unit = {'-'};
            if (in.length > 0) {
                int from = random.nextInt(in.length);
                unit = slice(in, from, Math.min(in.length, from + 1 + random.nextInt(64)));
            }
            int times = Math.max(1, Math.min(MAX_GROWTH / unit.length, 1 + random.nextInt(100_000)));
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + unit.length * times);
            int at = random.nextInt(in.length + 1);
            out.write(in, 0, at);
            for (int i = 0; i < times; i++) {
                out.write(unit, 0, unit.length);
            }
            out.write(in, at, in.length - at);
            return out.toByteArray();
        }
    },
    LINE_ENDINGS {
        @Override
        byte[] apply(byte[] in, byte[] other, Random random) {
            String text = latin1(in);
            return latin1(switch (random.nextInt(5)) {
                case 0 -> text.replace("\r\n", "\n");
                case 1 -> text.replace("\r\n", "\n").replace("\n", "\r\n");
                case 2 -> text.replace("\r\n", "\n").replace('\n', '\r');
                case 3 -> text.replace("\r\n", "\n\r");
                default -> text.replace("\n", "\r\r\n");
            });
        }
    },
    LINE_INSERT {
        @Override
        byte[] apply(byte[] in, byte[] other, Random random) {
            String line = LINES.get(random.nextInt(LINES.size()));
            int at = lineStart(in, random.nextInt(in.length + 1));
            return concat(slice(in, 0, at), line.getBytes(StandardCharsets.UTF_8), slice(in, at, in.length));
        }
    },
    NESTING {
        @Override
        byte[] apply(byte[] in, byte[] other, Random random) {
            int depth = 1 + random.nextInt(random.nextInt(8) == 0 ? 5_000 : 50);
            StringBuilder head = new StringBuilder();
            boolean multipart = random.nextBoolean();
            for (int i = 0; i < depth; i++) {
                if (multipart) {
                    head.append("Content-Type: multipart/report; report-type=delivery-status; boundary=\"b").append(i)
                        .append("\"\r\n\r\n--b").append(i).append("\r\n");
                } else {
                    head.append("Content-Type: message/rfc822\r\n\r\n");
                }
            }
            return concat(head.toString().getBytes(StandardCharsets.US_ASCII), in);
        }
    },
    TRUNCATE {
        @Override
        byte[] apply(byte[] in, byte[] other, Random random) {
            return in.length == 0 ? in : slice(in, 0, random.nextInt(in.length));
        }
    },
    TRANSFER_ENCODING {
        @Override
        byte[] apply(byte[] in, byte[] other, Random random) {
            String encoding = List.of("base64", "quoted-printable", "x-uuencode", "8bit", "binary", "7bit; x", "", "base64\r\n\tbase64")
                .get(random.nextInt(8));
            String text = latin1(in);
            int at = indexOfIgnoreCase(text, "content-transfer-encoding:");
            if (at < 0) {
                return LINE_INSERT.apply(in, other, random);
            }
            int start = at + "content-transfer-encoding:".length();
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            return latin1(text.substring(0, start) + " " + encoding + text.substring(end));
        }
    };

    private static final Mutation[] COSTLY = {HUGE_REPEAT, NESTING};
    private static final Mutation[] CHEAP = Arrays.stream(values())
        .filter(m -> m != HUGE_REPEAT && m != NESTING).toArray(Mutation[]::new);

    /**
     * No mutation grows an input by more than this, so that a campaign tries many inputs. Larger
     * repeats only find the quadratic paths listed in fuzz-regressions/open again and again.
     */
    static final int MAX_GROWTH = 32 * 1024;

    private static final byte[] INTERESTING = {0, (byte) 0xff, (byte) 0x80, (byte) 0xc3, '\r', '\n', ':', ';', '=', '?', '"',
        '<', '>', '@', '-', ' ', '\t', '\\', '(', ')'};

    private static final List<String> CHARSETS = List.of("utf-8", "UTF-7", "utf-16", "UTF-32BE", "iso-2022-jp", "x-unknown",
        "\"\"", "\"utf-8", "utf-8\"", "=?utf-8?", "shift_jis", "gb18030", "ks_c_5601-1987", "windows-1252", "us-ascii ",
        "x".repeat(300), "ISO-8859-1'en'", "cp-1252", "utf8", "..", "../../etc/passwd", "*", "\u00e9", "BIG5-HKSCS",
        "x-mac-roman", "iso-8859-99", "hz-gb-2312", "ibm1047", "JIS_X0212-1990");

    private static final List<String> LINES = List.of(
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"zz\"\r\n",
        "Content-Type: message/delivery-status\r\n\r\n",
        "Content-Type: message/feedback-report\r\n\r\n",
        "Content-Type: message/rfc822\r\n\r\n",
        "Content-Type: text/rfc822-headers\r\n\r\n",
        "--zz\r\n",
        "--zz--\r\n",
        "Reporting-MTA: dns; \r\n",
        "Final-Recipient: rfc822; <>\r\n",
        "Final-Recipient: rfc822;\r\n",
        "Final-Recipient: ;;;;\r\n",
        "Original-Recipient: rfc822;a@b\r\n",
        "Action: failed\r\n",
        "Action: \u00ff\r\n",
        "Status: 5.1.1\r\n",
        "Status: 5.99999999999999999999.1\r\n",
        "Status: 9\r\n",
        "Diagnostic-Code: smtp; 550 5.1.1 <a@b>: unknown user\r\n",
        "Diagnostic-Code: smtp; 99999999999999999999\r\n",
        "Diagnostic-Code: x-unix; \r\n",
        "Remote-MTA: dns; [\r\n",
        "Last-Attempt-Date: Thu, 31 Feb 99999 25:61:61 +9999\r\n",
        "Arrival-Date: \r\n",
        "Feedback-Type: abuse\r\n",
        "Feedback-Type: \r\n",
        "Original-Rcpt-To: \r\n",
        "Removal-Recipient: a@@b\r\n",
        "Message-ID: <\r\n",
        "X-Failed-Recipients: ,,,,,,\r\n",
        "Subject: Undelivered Mail Returned to Sender\r\n",
        "Subject: =?utf-8?B?====?=\r\n",
        "Auto-Submitted: auto-replied\r\n",
        "Content-Transfer-Encoding: base64\r\n",
        "Content-Transfer-Encoding: quoted-printable\r\n",
        "=\r\n",
        "=XX=\r\n",
        "begin 644 x\r\n",
        "<a@b>: host mx said: 550 5.1.1 user unknown (in reply to RCPT TO command)\r\n",
        "   ----- The following addresses had permanent fatal errors -----\r\n",
        "--- The header of the original message is following. ---\r\n",
        "This is the mail system at host x.\r\n",
        "{\"bounce\":{\"bouncedRecipients\":[{\"emailAddress\":\r\n",
        "\r\n",
        "\r\n\r\n\r\n");

    abstract byte[] apply(byte[] in, byte[] other, Random random);

    /**
     * One to four operators stacked on a copy of {@code seed}; {@code other} is a second seed to splice from.
     * The result is capped at {@code maxBytes}.
     */
    public static byte[] mutate(byte[] seed, byte[] other, Random random, int maxBytes, StringBuilder applied) {
        byte[] out = seed;
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            // the costly operators (megabytes of repeats, thousands of levels) one time in 32, so that
            // a campaign spends its time on many inputs rather than on a few huge ones
            Mutation m = random.nextInt(32) == 0 ? COSTLY[random.nextInt(COSTLY.length)] : CHEAP[random.nextInt(CHEAP.length)];
            out = m.apply(out, other, random);
            if (out.length > maxBytes) {
                out = slice(out, 0, maxBytes);
            }
            if (applied != null) {
                applied.append(applied.isEmpty() ? "" : "+").append(m.name().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    static byte[] slice(byte[] in, int from, int to) {
        if (to <= from) {
            return new byte[0];
        }
        return Arrays.copyOfRange(in, from, to);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static String latin1(byte[] in) {
        return new String(in, StandardCharsets.ISO_8859_1);
    }

    /** Encodes back byte for byte; characters above U+00FF (only from our own tables) go as UTF-8. */
    static byte[] latin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xff) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int indexOfIgnoreCase(String text, String needle) {
        int n = needle.length();
        for (int i = 0; i + n <= text.length(); i++) {
            if (text.regionMatches(true, i, needle, 0, n)) {
                return i;
            }
        }
        return -1;
    }

    /** The colon of a random line that has one, or -1. */
    private static int nthLineWith(String text, char c, Random random) {
        int count = 0;
        for (int i = text.indexOf(c); i >= 0 && count < 10_000; i = text.indexOf(c, i + 1)) {
            count++;
        }
        if (count == 0) {
            return -1;
        }
        int pick = random.nextInt(count);
        int i = text.indexOf(c);
        for (int k = 0; k < pick; k++) {
            i = text.indexOf(c, i + 1);
        }
        return i;
    }

    private static int lineStart(byte[] in, int at) {
        int i = Math.min(at, in.length);
        while (i > 0 && in[i - 1] != '\n') {
            i--;
        }
        return i;
    }
}
