package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.text.Addresses;
import io.jamesbounce.core.text.Lines;

/** Small text helpers shared by the decoders of the Unix mail servers' plain-text notices. */
final class UnixMtaText {

    private UnixMtaText() {
    }

    static List<String> lines(String text) {
        return Lines.split(text);
    }

    /** Lines of a folded diagnostic joined the way the brief asks: trimmed, one space between them. */
    static String join(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(t);
        }
        return sb.toString();
    }

    /**
     * The notice text holding a marker: the usual notice text, else any entity of the report itself
     * (servers that write a malformed Content-Type leave their text in an entity of no known type).
     */
    static Optional<String> textWith(MailMessage message, String marker) {
        if (message.noticeText().contains(marker)) {
            return Optional.of(message.noticeText());
        }
        for (var part : message.parts()) {
            if (part.depth() == 0 && !part.isMultipart() && part.text().contains(marker)) {
                return Optional.of(part.text());
            }
        }
        return Optional.empty();
    }

    /** Leading blanks of a line, tabs counted as eight. */
    static int indent(String line) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                n++;
            } else if (c == '\t') {
                n += 8;
            } else {
                return n;
            }
        }
        return n;
    }

    /** The first line at or after {@code from} that contains {@code marker}, or -1. */
    static int indexOfLine(List<String> lines, int from, String marker) {
        for (int i = Math.max(0, from); i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i;
            }
        }
        return -1;
    }

    static boolean fromMailerDaemon(MailMessage message) {
        String from = message.from().toLowerCase(java.util.Locale.ROOT);
        return from.contains("mailer-daemon") || from.contains("postmaster") || from.contains("mail delivery");
    }

    /** The addresses of every X-Failed-Recipients field, which Exim and some others add. */
    static List<String> failedRecipientsHeader(Headers headers) {
        List<String> out = new ArrayList<>();
        for (String value : headers.all("X-Failed-Recipients")) {
            Addresses.all(value).stream().filter(a -> !out.contains(a)).forEach(out::add);
        }
        return out;
    }

    /** The address in a header list whose local part is the given bare name. */
    static Optional<String> byLocalPart(List<String> addresses, String localPart) {
        for (String a : addresses) {
            if (a.substring(0, a.lastIndexOf('@')).equalsIgnoreCase(localPart)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
