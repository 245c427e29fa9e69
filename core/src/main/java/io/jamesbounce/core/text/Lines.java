package io.jamesbounce.core.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A text cut into lines, as {@code Pattern.split(text, -1)} cuts it (an empty last line kept), without
 * a regular expression: the decoders cut every notice into lines, and the pattern's matcher cost a
 * tenth of their time.
 */
public final class Lines {
    private Lines() {
    }

    /** Lines ended by CRLF, CR or LF: {@code "\r\n|\r|\n"}. */
    public static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return Collections.unmodifiableList(lines);
    }

    /** Lines ended by LF or CRLF, a lone CR kept in its line: {@code "\r?\n"}. */
    public static List<String> splitAtLineFeeds(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(text.substring(start, end));
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return Collections.unmodifiableList(lines);
    }

    /**
     * Where the line after the one that {@code line} is in starts, as a multi-line pattern's {@code ^}
     * sees lines (after LF, CRLF, CR, NEL, LS or PS); -1 after the last.
     */
    public static int nextLineStart(CharSequence text, int line) {
        for (int i = line; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return -1;
    }

    /**
     * Every position where a multi-line pattern's {@code ^} matches: 0 and after each line terminator
     * but the last character. Unless the text has the rare Unicode terminators, the next LF and the
     * next CR are found with {@code indexOf}, which the JDK vectorises (quoted-printable bodies come
     * out with CRLF line ends).
     */
    public static int[] starts(String text) {
        int n = text.length();
        int[] starts = new int[16];
        int count = 0;
        boolean unicodeBreaks = text.indexOf('\u0085') >= 0 || text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0;
        // the next CR and LF at or after the line, each looked for again only once passed: a text of
        // CR-only line ends searched to its end for an LF at every line (found fuzzing: 25 ms for 256 KB)
        int cr = unicodeBreaks ? -1 : text.indexOf('\r');
        int lf = unicodeBreaks ? -1 : text.indexOf('\n');
        for (int line = 0; line >= 0 && line < n; ) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = line;
            if (unicodeBreaks) {
                line = nextLineStart(text, line);
                continue;
            }
            if (cr >= 0 && cr < line) {
                cr = text.indexOf('\r', line);
            }
            if (lf >= 0 && lf < line) {
                lf = text.indexOf('\n', line);
            }
            if (cr >= 0 && (lf < 0 || cr < lf)) {
                line = cr + 1 == lf ? lf + 1 : cr + 1;
            } else {
                line = lf < 0 ? -1 : lf + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }
}
