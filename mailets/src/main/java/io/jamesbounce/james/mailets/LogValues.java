package io.jamesbounce.james.mailets;

/**
 * Values taken from mail, made safe for one log line: a folded Message-ID or a forged field must not
 * start a line of its own (a report could otherwise write "suppression removed ..." into the log).
 */
final class LogValues {
    private static final int MAX = 512;

    private LogValues() {
    }

    /** Control characters as {@code \\uXXXX}, at most {@value #MAX} characters. */
    static String safe(String value) {
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX) + 16);
        for (int i = 0; i < value.length() && sb.length() < MAX; i++) {
            char c = value.charAt(i);
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
}
