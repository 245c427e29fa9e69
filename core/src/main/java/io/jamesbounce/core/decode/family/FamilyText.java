package io.jamesbounce.core.decode.family;

import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.decode.NoticeText;

/** Small text helpers shared by the family decoders: cutting a notice into its sections. */
final class FamilyText {
    private FamilyText() {
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
        StringBuilder sb = new StringBuilder();
        for (String line : block.split("\r?\n|\r")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(t);
            }
        }
        return sb.toString();
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
}
