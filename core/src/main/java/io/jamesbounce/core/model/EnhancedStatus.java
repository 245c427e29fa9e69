package io.jamesbounce.core.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 3463 enhanced status code: class.subject.detail, for example 5.1.1.
 *
 * @param statusClass 2 (success), 4 (persistent transient) or 5 (permanent)
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {
    private static final Pattern EXACT = Pattern.compile("\\s*([245])\\.(\\d{1,3})\\.(\\d{1,3})\\s*");
    // In free text a code must stand alone: not part of an IP address, a version or a date.
    private static final Pattern AFTER_REPLY = Pattern.compile(
        "(?<![\\d.])[245][0-5][0-9][ -]['\"]?([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d]|\\.\\d)");
    private static final Pattern QMAIL_CODE = Pattern.compile("\\(#([245])\\.(\\d{1,3})\\.(\\d{1,3})\\)");
    private static final Pattern IN_TEXT = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d]|\\.\\d)");

    public EnhancedStatus {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("status class must be 2, 4 or 5: " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("subject and detail must be 0..999: " + subject + "." + detail);
        }
    }

    public static EnhancedStatus of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("not an enhanced status code: " + code));
    }

    /** Parses a field value that should be exactly a code, tolerating surrounding blanks and a trailing comment. */
    public static Optional<EnhancedStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value;
        int paren = v.indexOf('(');
        if (paren >= 0) {
            v = v.substring(0, paren);
        }
        Matcher m = EXACT.matcher(v);
        if (m.matches()) {
            return Optional.of(from(m));
        }
        return find(value);
    }

    /** Finds the first code standing alone in free text. */
    public static Optional<EnhancedStatus> find(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = IN_TEXT.matcher(text);
        return CodeScan.find(m, text, 0, CodeScan::statusAt) ? Optional.of(from(m)) : Optional.empty();
    }

    /**
     * Finds a code that the receiving server wrote right after its reply code ("550 5.2.2",
     * "550-'5.7.1"): that is the receiver's own verdict, which outranks codes an intermediate MTA wraps it in.
     */
    public static Optional<EnhancedStatus> findAfterReplyCode(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = AFTER_REPLY.matcher(text);
        if (CodeScan.find(m, text, 0, CodeScan::replyCodeAt)) {
            return Optional.of(new EnhancedStatus(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        // qmail writes its verdict at the end of its reply: "553 sorry, ... (#5.7.1)"
        Matcher q = QMAIL_CODE.matcher(text);
        return q.find() && ReplyCode.find(text).isPresent()
            ? Optional.of(new EnhancedStatus(Integer.parseInt(q.group(1)), Integer.parseInt(q.group(2)), Integer.parseInt(q.group(3))))
            : Optional.empty();
    }

    private static EnhancedStatus from(Matcher m) {
        return new EnhancedStatus(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    public boolean isPermanent() {
        return statusClass == 5;
    }

    public boolean isTransient() {
        return statusClass == 4;
    }

    public boolean isSuccess() {
        return statusClass == 2;
    }

    /** X.0.0: says only permanent or transient, nothing about the cause. */
    public boolean isGeneric() {
        return subject == 0 && detail == 0;
    }

    public EnhancedStatus withClass(int newClass) {
        return new EnhancedStatus(newClass, subject, detail);
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
