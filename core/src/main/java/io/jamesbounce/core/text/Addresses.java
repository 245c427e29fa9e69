package io.jamesbounce.core.text;

import java.net.IDN;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Finding and normalising e-mail addresses in report text. */
public final class Addresses {
    // Local parts as real bounces show them: dots, plus, equals (VERP); a quoted local part is found
    // by the scanner and checked by its domain only.
    private static final Pattern LOCAL = Pattern.compile(
        "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uFFFF](?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-\\u0080-\\uFFFF]{0,200})");

    private Addresses() {
    }

    /** The first address in the text, normalised. */
    public static Optional<String> first(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        List<Found> found = scan(text, 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).address());
    }

    public static List<String> all(CharSequence text) {
        return scan(text, Integer.MAX_VALUE).stream().map(Found::address).toList();
    }

    /** An address found in a text, normalised, and where in the text it stands, as written: [start, end). */
    public record Found(String address, int start, int end) {
    }

    /** Every distinct address in the text with where it first occurs, in order. */
    public static List<Found> found(CharSequence text) {
        return scan(text, Integer.MAX_VALUE);
    }

    /**
     * Finds addresses by their '@' and grows each outwards, so the work is linear in the text
     * (a regex with a bounded local-part repetition tried at every offset is not, on 60 KB notices).
     */
    private static List<Found> scan(CharSequence text, int limit) {
        List<Found> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int n = text.length();
        int from = 0;
        for (int at = indexOf(text, '@', 0); at >= 0 && out.size() < limit; at = indexOf(text, '@', Math.max(at + 1, from))) {
            int start = quotedLocalStart(text, at);
            if (start < 0) {
                start = at;
                while (start > 0 && start > at - 200 && isLocalChar(text.charAt(start - 1))) {
                    start--;
                }
                while (start < at && text.charAt(start) == '.') {
                    start++;
                }
            }
            int end = at + 1;
            while (end < n && end < at + 256 && isDomainChar(text.charAt(end))) {
                end++;
            }
            while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
                end--;
            }
            if (start < at && end > at + 1) {
                String candidate = text.subSequence(start, end).toString();
                boolean quoted = text.charAt(start) == '"';
                // a quoted local part: the domain decides
                if (isAddress(quoted ? "q" + candidate.substring(at - start) : candidate)) {
                    String a = normalise(candidate);
                    // a set: a list's contains() made a notice naming thousands of addresses quadratic
                    if (seen.add(a)) {
                        out.add(new Found(a, start, end));
                    }
                    from = end;
                }
            }
        }
        return out;
    }

    /**
     * Where a quoted local part ("first..last"@example.org) ending just before the '@' opens, or
     * -1: looked for backwards on the same line, at most 200 characters.
     */
    private static int quotedLocalStart(CharSequence text, int at) {
        if (at < 2 || text.charAt(at - 1) != '"') {
            return -1;
        }
        for (int i = at - 2; i >= 0 && i > at - 200; i--) {
            char c = text.charAt(i);
            if (c == '"') {
                return i < at - 2 ? i : -1;
            }
            if (c == '\r' || c == '\n' || c == '<' || c == '>' || c == '@') {
                return -1;
            }
        }
        return -1;
    }

    private static int indexOf(CharSequence text, char c, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isLocalChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+/=?^_`{|}~.-".indexOf(c) >= 0
            || c >= 0x80 && Character.isLetterOrDigit(c) || Character.isSurrogate(c);
    }

    private static boolean isDomainChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
            || c >= 0x80 && Character.isLetterOrDigit(c);
    }

    public static boolean looksLikeAddress(String s) {
        if (s == null) {
            return false;
        }
        String t = s.trim();
        int quoteEnd = t.startsWith("\"") ? t.indexOf("\"@", 1) : -1;
        // a quoted local part: the domain decides
        return isAddress(quoteEnd > 1 ? "q" + t.substring(quoteEnd + 1) : t);
    }

    /**
     * Whether the whole text is one address: a local part as {@link #LOCAL} reads it and a dotted domain. The domain is checked by
     * hand: the regex's repeated label group recurses once per label, and a line of a hundred
     * thousand "a." overflows the stack.
     */
    private static boolean isAddress(String t) {
        int at = t.indexOf('@');
        // the local part is at most 201 characters; '@' belongs to neither part
        if (at < 1 || at > 201 || !LOCAL.matcher(t).region(0, at).matches()) {
            return false;
        }
        int segments = 1;
        int segmentLength = 0;
        for (int i = at + 1; i < t.length(); ) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '.') {
                if (segmentLength == 0) {
                    return false;
                }
                segments++;
                segmentLength = 0;
            } else if (cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || cp == '-'
                || cp >= 0x80 && cp <= 0xFFFF) {
                segmentLength++;
            } else {
                return false;
            }
        }
        // a one-letter top-level domain is an address a server could have tried (a typo is what bounces)
        return segments >= 2 && segmentLength >= 1 && segmentLength <= 63;
    }

    /**
     * Strips brackets, quotes and trailing dots, lower-cases the domain and turns an IDN into
     * ASCII. The local part keeps its case: only the receiving server may interpret it; a quoted
     * local part keeps its quotes when it is no dot-atom ("first..last"@example.org), as without
     * them it is not the same address.
     */
    public static String normalise(String address) {
        String a = address.trim();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        int quoteEnd = a.startsWith("\"") ? a.indexOf('"', 1) : -1;
        if (quoteEnd > 1 && quoteEnd + 1 < a.length() && a.charAt(quoteEnd + 1) == '@' && needsQuotes(a.substring(1, quoteEnd))) {
            // a quoted local part that is not a plain dot-atom is part of the address: keep it as written
            return a.substring(0, quoteEnd + 1) + "@" + domain(a.substring(quoteEnd + 2));
        }
        a = a.replace("\"", "");
        // an apostrophe inside a local part is part of it (o'neil@); one before the address quotes it
        while (a.startsWith("'")) {
            a = a.substring(1);
        }
        while (a.endsWith("'")) {
            a = a.substring(0, a.length() - 1);
        }
        while (a.endsWith(".")) {
            a = a.substring(0, a.length() - 1);
        }
        int at = a.lastIndexOf('@');
        if (at <= 0) {
            return a;
        }
        return a.substring(0, at) + "@" + domain(a.substring(at + 1));
    }

    /** A domain lower-cased, an IDN in ASCII, trailing dots dropped. */
    private static String domain(String value) {
        String domain = value.toLowerCase(Locale.ROOT);
        while (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (!isAscii(domain) && domain.length() <= 253) {
            try {
                domain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
            } catch (RuntimeException e) {
                // IllegalArgumentException for a bad label; the JDK's punycode throws a bare
                // RuntimeException on over-long input (found fuzzing)
                // keep the Unicode form: still the best identifier we have
            }
        }
        return domain;
    }

    /** Whether a local part is not a dot-atom (RFC 5321 4.1.2), so only its quoted form is valid. */
    private static boolean needsQuotes(String local) {
        if (local.isEmpty() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return true;
        }
        for (int i = 0; i < local.length(); i++) {
            if (!isLocalChar(local.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A field value that is one bare address whose domain is a single label ("user@mailhub0", a host
     * inside a site), which {@link #first} does not take for an address in free text; only for
     * fields whose type says the value is an address (a DSN's "rfc822;" recipient fields).
     */
    public static Optional<String> singleLabel(String value) {
        String a = value.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        int at = a.indexOf('@');
        if (at <= 0 || at != a.lastIndexOf('@') || at == a.length() - 1 || a.length() > 320) {
            return Optional.empty();
        }
        for (int i = 0; i < at; i++) {
            if (!isLocalChar(a.charAt(i))) {
                return Optional.empty();
            }
        }
        for (int i = at + 1; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c == '.' || !isDomainChar(c)) {
                return Optional.empty();
            }
        }
        return Optional.of(normalise(a));
    }

    public static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }

    /** Whether every character is ASCII (a loop: this runs for every address outbound mail is checked for). */
    public static boolean isAscii(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }
}
