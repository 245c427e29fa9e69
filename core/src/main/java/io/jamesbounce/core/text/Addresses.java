package io.jamesbounce.core.text;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finding and normalising e-mail addresses in report text. */
public final class Addresses {
    // Local parts as real bounces show them: dots, plus, equals (VERP), quotes are rare and dropped.
    private static final Pattern ADDRESS = Pattern.compile(
        "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uFFFF](?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-\\u0080-\\uFFFF]{0,200})@(?:[A-Za-z0-9\\-\\u0080-\\uFFFF]+\\.)+[A-Za-z0-9\\-\\u0080-\\uFFFF]{2,63}");

    private static final Pattern LOCAL = Pattern.compile(
        "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uFFFF](?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-\\u0080-\\uFFFF]{0,200})");

    private Addresses() {
    }

    /** The first address in the text, normalised. */
    public static Optional<String> first(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        List<String> found = scan(text, 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public static List<String> all(CharSequence text) {
        return scan(text, Integer.MAX_VALUE);
    }

    /**
     * Finds addresses by their '@' and grows each outwards, so the work is linear in the text
     * (a regex with a bounded local-part repetition tried at every offset is not, on 60 KB notices).
     */
    private static List<String> scan(CharSequence text, int limit) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int from = 0;
        for (int at = indexOf(text, '@', 0); at >= 0 && out.size() < limit; at = indexOf(text, '@', Math.max(at + 1, from))) {
            int start = at;
            while (start > 0 && start > at - 200 && isLocalChar(text.charAt(start - 1))) {
                start--;
            }
            while (start < at && text.charAt(start) == '.') {
                start++;
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
                if (isAddress(candidate)) {
                    String a = normalise(candidate);
                    if (!out.contains(a)) {
                        out.add(a);
                    }
                    from = end;
                }
            }
        }
        return out;
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
        return s != null && isAddress(s.trim());
    }

    /**
     * Whether the whole text is one address as {@link #ADDRESS} reads it. The domain is checked by
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
        return segments >= 2 && segmentLength >= 2 && segmentLength <= 63;
    }

    /**
     * Strips brackets, quotes and trailing dots, lower-cases the domain and turns an IDN into
     * ASCII. The local part keeps its case: only the receiving server may interpret it.
     */
    public static String normalise(String address) {
        String a = address.trim();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        a = a.replace("\"", "").replace("'", "");
        while (a.endsWith(".")) {
            a = a.substring(0, a.length() - 1);
        }
        int at = a.lastIndexOf('@');
        if (at <= 0) {
            return a;
        }
        String local = a.substring(0, at);
        String domain = a.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!domain.chars().allMatch(c -> c < 128)) {
            try {
                domain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                // keep the Unicode form: still the best identifier we have
            }
        }
        return local + "@" + domain;
    }

    public static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }
}
