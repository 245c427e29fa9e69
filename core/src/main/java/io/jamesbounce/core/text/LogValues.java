package io.jamesbounce.core.text;

/**
 * The one place values from outside (mail, WebAdmin requests, imported files) are made safe for one
 * log line: a folded Message-ID or a forged field must not start a line of its own (a report could
 * otherwise write "suppression removed ..." into the log). Folds are unfolded, other control
 * characters escaped, the length capped. Every log line with such a value goes through here.
 */
public final class LogValues {
    private static final int MAX = 512;

    private LogValues() {
    }

    /** Folds (CR LF before a space or tab) removed, other control characters as {@code \\uXXXX}, at most {@value #MAX} characters. */
    public static String safe(String value) {
        if (value == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX) + 16);
        for (int i = 0; i < value.length() && sb.length() < MAX; i++) {
            char c = value.charAt(i);
            if (c == '\r' && i + 2 < value.length() && value.charAt(i + 1) == '\n' && isBlank(value.charAt(i + 2))) {
                i++; // a fold: CR LF go, the space or tab that follows stays
                continue;
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= MAX && value.length() > MAX) {
            sb.append("...");
        }
        return sb.toString();
    }

    /** {@link #safe} of the value's text; {@code -} for none. */
    public static String safe(Object value) {
        return value == null ? "-" : safe(value.toString());
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
