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
        "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-](?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-]{0,200})@(?:[A-Za-z0-9\\-\\u0080-\\uFFFF]+\\.)+[A-Za-z0-9\\-\\u0080-\\uFFFF]{2,63}");

    private Addresses() {
    }

    /** The first address in the text, normalised; angle-bracketed ones first. */
    public static Optional<String> first(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ADDRESS.matcher(text);
        return m.find() ? Optional.of(normalise(m.group())) : Optional.empty();
    }

    public static List<String> all(CharSequence text) {
        List<String> out = new ArrayList<>();
        Matcher m = ADDRESS.matcher(text);
        while (m.find()) {
            String a = normalise(m.group());
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    public static boolean looksLikeAddress(String s) {
        return s != null && ADDRESS.matcher(s.trim()).matches();
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
