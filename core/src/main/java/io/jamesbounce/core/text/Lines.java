package io.jamesbounce.core.text;

import java.util.ArrayList;
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
}
