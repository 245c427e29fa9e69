package io.jamesbounce.core.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A three-digit SMTP reply code (RFC 5321 section 4.2). */
public record ReplyCode(int value) {
    // A reply code starts a line or follows a "said:"-like lead-in; it is never part of a longer number.
    private static final Pattern IN_TEXT = Pattern.compile("(?<![\\d.\\-:/#])([245][0-5][0-9])(?:[ \\-]|$)(?![\\d]{2})", Pattern.MULTILINE);

    public ReplyCode {
        if (value < 200 || value > 559) {
            throw new IllegalArgumentException("not an SMTP reply code: " + value);
        }
    }

    public static Optional<ReplyCode> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.length() == 3 && v.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(v);
            return n >= 200 && n <= 559 ? Optional.of(new ReplyCode(n)) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Finds the first reply code standing alone in free text. A positive code gives way to a later
     * failure code: a receiver that refuses in its greeting continues a "220-" banner line with
     * its "421" (seen from laposte.net), and the failure is what the report is about.
     */
    public static Optional<ReplyCode> find(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = IN_TEXT.matcher(text);
        ReplyCode first = null;
        for (int from = 0; CodeScan.find(m, text, from, CodeScan::replyCodeAt); from = m.end()) {
            ReplyCode code = new ReplyCode(Integer.parseInt(m.group(1)));
            if (code.statusClass() != 2) {
                return Optional.of(code);
            }
            if (first == null) {
                first = code;
            }
        }
        return Optional.ofNullable(first);
    }

    public int statusClass() {
        return value / 100;
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
