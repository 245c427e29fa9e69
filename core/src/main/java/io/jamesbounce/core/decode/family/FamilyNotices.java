package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.decode.Codes;
import io.jamesbounce.core.decode.NoticeText;
import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;
import io.jamesbounce.core.text.Lines;

/**
 * What the family decoders share to read a human-written notice: its lines and sections, folded
 * diagnostics joined, case-insensitive searches, a recipient built from its words. What every decoder
 * shares (the cut before the quoted original, candidate recipients) is {@link NoticeText}.
 */
final class FamilyNotices {
    private FamilyNotices() {
    }

    /**
     * A regex for one address token without blanks or angle brackets, as a group: {@code local@domain}.
     * Split at the first '@' and possessive: {@code [^\s<>]+@[^\s<>]+} backtracks quadratically over
     * a long run of "x@x@x@..." (found fuzzing, up to 1.6 s).
     */
    static final String ADDRESS = "([^\\s<>@]++@[^\\s<>]++)";

    static List<String> lines(String text) {
        return Lines.split(text);
    }

    /** A recipient read from notice text, its codes taken from the diagnostic as written. */
    static DecodedRecipient.Builder recipient(String address, Action action, String diagnostic) {
        DecodedRecipient.Builder b = DecodedRecipient.builder(address).action(action).diagnostic(diagnostic);
        Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
        return b;
    }

    static boolean startsWithIgnoreCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** Joins lines with single spaces, the way folded diagnostic lines are joined. */
    static String join(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            String t = l.strip();
            if (!t.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(t);
            }
        }
        return sb.toString();
    }

    /**
     * The text after the first occurrence of {@code start} (case-insensitive), up to the earliest
     * of the {@code ends} markers or the end of the text.
     */
    static Optional<String> after(String text, String start, String... ends) {
        int i = NoticeText.indexOfIgnoreCase(text, start);
        if (i < 0) {
            return Optional.empty();
        }
        String rest = text.substring(i + start.length());
        int end = rest.length();
        for (String e : ends) {
            int j = NoticeText.indexOfIgnoreCase(rest, e);
            if (j >= 0 && j < end) {
                end = j;
            }
        }
        return Optional.of(rest.substring(0, end));
    }

    /** The non-blank lines of a block, trimmed and joined with single spaces (how folded text is read). */
    static String joinLines(String block) {
        return join(lines(block));
    }

    /** The lines of a block up to its first blank line after some text, joined as {@link #joinLines}. */
    static String firstParagraph(String block) {
        StringBuilder sb = new StringBuilder();
        for (String line : block.split("\r?\n|\r")) {
            String t = line.strip();
            if (t.isEmpty()) {
                if (sb.length() > 0) {
                    break;
                }
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(t);
        }
        return sb.toString();
    }

    static boolean containsIgnoreCase(String text, String needle) {
        return NoticeText.indexOfIgnoreCase(text, needle) >= 0;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
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
        String from = message.from().toLowerCase(Locale.ROOT);
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
