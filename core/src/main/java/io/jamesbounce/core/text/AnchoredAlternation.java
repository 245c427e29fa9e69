package io.jamesbounce.core.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern that opens with a case-insensitive alternation of wordings, {@code (?i)(a|b|...)...} or
 * at line starts {@code (?im)^(a|b|...)...}, found as {@code find} finds it, but tried only where
 * one of its wordings' literal starts occurs in the lower-cased text (found with {@code indexOf},
 * which the JDK vectorises) instead of at every character: tried at every character, such patterns
 * cost a small notice 100 µs and more.
 */
public final class AnchoredAlternation {
    private static final String META = "()[]{}?*+.\\^$|";
    private static final String WORDINGS = "(?i)(";
    private static final String LINE_WORDINGS = "(?im)^(";

    private final Pattern pattern;
    private final boolean atLineStart;
    private final String[] starts;

    private AnchoredAlternation(Pattern pattern, boolean atLineStart, String[] starts) {
        this.pattern = pattern;
        this.atLineStart = atLineStart;
        this.starts = starts;
    }

    /**
     * The pattern with the literal start of each of its opening group's wordings.
     *
     * @throws IllegalArgumentException when the pattern does not open with such a group, or a
     *     wording starts with no literal text
     */
    public static AnchoredAlternation of(Pattern pattern) {
        String source = pattern.pattern();
        boolean atLineStart = source.startsWith(LINE_WORDINGS);
        if (!atLineStart && !source.startsWith(WORDINGS) || (pattern.flags() & ~(Pattern.CASE_INSENSITIVE | Pattern.MULTILINE)) != 0) {
            throw new IllegalArgumentException("does not open with a case-insensitive alternation: " + source);
        }
        List<String> starts = new ArrayList<>();
        for (String wording : openingWordings(source, (atLineStart ? LINE_WORDINGS : WORDINGS).length())) {
            String start = literalStart(wording);
            if (start.isEmpty()) {
                throw new IllegalArgumentException("a wording with no literal start: " + wording);
            }
            starts.add(start.toLowerCase(Locale.ROOT));
        }
        // a start that holds another at its front adds no place to try
        List<String> needed = starts.stream().distinct()
            .filter(s -> starts.stream().noneMatch(other -> other.length() < s.length() && s.startsWith(other)))
            .toList();
        return new AnchoredAlternation(pattern, atLineStart, needed.toArray(String[]::new));
    }

    public Pattern pattern() {
        return pattern;
    }

    /** {@code pattern.matcher(text).find()}; {@code lower} is {@code text.toLowerCase(Locale.ROOT)}. */
    public boolean find(String text, String lower) {
        return find(pattern.matcher(text), lower, 0);
    }

    /**
     * {@code m.find(from)}: {@code m} is a matcher of this pattern over a text, {@code lower} that
     * text lower-cased ({@link Locale#ROOT}). On true the matcher holds the match.
     */
    public boolean find(Matcher m, String lower, int from) {
        m.reset();
        int end = m.regionEnd();
        if (end != lower.length()) {
            // a character whose lower case is longer: positions differ, search the slow way
            return m.find(from);
        }
        m.useTransparentBounds(true).useAnchoringBounds(false);
        int first = -1;
        for (String start : starts) {
            for (int at = lower.indexOf(start, from); at >= 0 && (first < 0 || at < first); at = lower.indexOf(start, at + 1)) {
                // with bounds that do not anchor, the pattern's own ^ tells whether a line starts here
                if (m.region(at, end).lookingAt()) {
                    first = at;
                    break;
                }
            }
        }
        return first >= 0 && m.region(first, end).lookingAt();
    }

    /**
     * {@code m.find(from)} for a line-anchored pattern, {@code (?im)^(...)}: {@code m} is a matcher of
     * this pattern over {@code text}, {@code lineStarts} are {@link Lines#starts} of it. Tried at the
     * lines that start as a wording, compared in place: no lower-cased copy of the text is needed
     * (lower-casing costs a nanosecond and more a character). On true the matcher holds the match.
     */
    public boolean findAtLineStart(Matcher m, String text, int[] lineStarts, int from) {
        if (!atLineStart) {
            throw new IllegalStateException("not a line-anchored pattern: " + pattern);
        }
        m.reset();
        int end = m.regionEnd();
        m.useTransparentBounds(true).useAnchoringBounds(false);
        int k = Arrays.binarySearch(lineStarts, from);
        for (k = k < 0 ? -k - 1 : k; k < lineStarts.length; k++) {
            int at = lineStarts[k];
            if (startsWithAny(text, at, starts) && m.region(at, end).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether one of {@code starts} (lower case) is at {@code at} in {@code text}, ASCII letters in any
     * case, the first character compared before the whole start (most places start with another): a
     * superset of where a {@code (?i)} wording with that start can match.
     */
    public static boolean startsWithAny(String text, int at, String[] starts) {
        if (at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        char lowerAscii = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        for (String start : starts) {
            char first = start.charAt(0);
            if ((first >= 128 || first == lowerAscii) && text.regionMatches(true, at, start, 0, start.length())) {
                return true;
            }
        }
        return false;
    }

    /** The wordings of the group that opens at {@code open}, split at its own '|'. */
    private static List<String> openingWordings(String source, int open) {
        List<String> wordings = new ArrayList<>();
        int depth = 0;
        int from = open;
        for (int i = open; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if (c == ')' || c == '|' && depth == 0) {
                wordings.add(source.substring(from, i));
                from = i + 1;
                if (c == ')') {
                    return wordings;
                }
            }
        }
        throw new IllegalArgumentException("an opening group that does not close: " + source);
    }

    /** The text every match of the wording starts with: up to its first operator, less a character made optional. */
    private static String literalStart(String wording) {
        int end = 0;
        while (end < wording.length() && META.indexOf(wording.charAt(end)) < 0) {
            end++;
        }
        if (end < wording.length() && "?*{".indexOf(wording.charAt(end)) >= 0) {
            end--;
        }
        return wording.substring(0, Math.max(end, 0));
    }
}
