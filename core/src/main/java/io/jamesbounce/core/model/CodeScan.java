package io.jamesbounce.core.model;

import java.util.regex.Matcher;

/**
 * {@code Matcher.find()} for the code patterns, tried only where a match can start (a digit of the
 * right class followed by what the pattern needs next): a pattern that opens with a lookbehind is
 * otherwise tried at every character of every diagnostic. Same matches, in the same order.
 */
final class CodeScan {
    /** Whether a match of the pattern could start at {@code i}. */
    @FunctionalInterface
    interface Start {
        boolean at(CharSequence text, int i);
    }

    private CodeScan() {
    }

    /** The next match at or after {@code from}; the matcher holds it when true. */
    static boolean find(Matcher m, CharSequence text, int from, Start start) {
        m.useTransparentBounds(true);
        int n = text.length();
        for (int i = from; i < n; i++) {
            if (start.at(text, i)) {
                m.region(i, n);
                if (m.lookingAt()) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean classDigit(CharSequence text, int i) {
        char c = text.charAt(i);
        return c == '2' || c == '4' || c == '5';
    }

    /** A class digit, a digit 0-5 and a digit: the start of a reply code. */
    static boolean replyCodeAt(CharSequence text, int i) {
        return i + 2 < text.length() && classDigit(text, i) && text.charAt(i + 1) >= '0' && text.charAt(i + 1) <= '5'
            && text.charAt(i + 2) >= '0' && text.charAt(i + 2) <= '9';
    }

    /** A class digit followed by a dot: the start of an enhanced status code. */
    static boolean statusAt(CharSequence text, int i) {
        return i + 1 < text.length() && classDigit(text, i) && text.charAt(i + 1) == '.';
    }
}
