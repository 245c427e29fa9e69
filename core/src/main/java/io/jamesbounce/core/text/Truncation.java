package io.jamesbounce.core.text;

/**
 * Values cut to a bound, visibly: a store column, a log line or an attribute never holds more than
 * its bound, and whoever reads the value sees that something was cut and how much.
 */
public final class Truncation {
    private Truncation() {
    }

    /**
     * The value whole when it fits in {@code maxLength}; else its first and last parts around a mark
     * saying how many characters were cut, {@code maxLength} characters in all. A diagnostic says
     * what failed at its start and often why at its end: both are kept.
     */
    public static String middle(String value, int maxLength) {
        if (value.length() <= maxLength) {
            return value;
        }
        // the mark of the whole length is at least as long as the mark of what is cut
        int keep = Math.max(0, maxLength - mark(value.length()).length());
        int head = (keep + 1) / 2;
        int tail = keep - head;
        return value.substring(0, head) + mark(value.length() - keep) + value.substring(value.length() - tail);
    }

    /** The value whole when it fits; else its first part and a mark, {@code maxLength} characters in all. */
    public static String end(String value, int maxLength) {
        if (value.length() <= maxLength) {
            return value;
        }
        int keep = Math.max(0, maxLength - mark(value.length()).length());
        return value.substring(0, keep) + mark(value.length() - keep);
    }

    private static String mark(int cut) {
        return " [... " + cut + " characters cut ...] ";
    }
}
