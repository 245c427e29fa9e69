package io.jamesbounce.core.decode.family;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.decode.Codes;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Lines;

/** Small helpers shared by the family decoders that read human-written notices line by line. */
final class Notices {

    /**
     * A regex for one address token without blanks or angle brackets, as a group: {@code local@domain}.
     * Split at the first '@' and possessive: {@code [^\s<>]+@[^\s<>]+} backtracks quadratically over
     * a long run of "x@x@x@..." (found fuzzing, up to 1.6 s).
     */
    static final String ADDRESS = "([^\\s<>@]++@[^\\s<>]++)";

    private Notices() {
    }

    static List<String> lines(String text) {
        return Lines.split(text);
    }

    /** A recipient read from notice text, its codes taken from the diagnostic as written. */
    static DecodedRecipient.Builder recipient(String address, Action action, String diagnostic) {
        DecodedRecipient.Builder b = DecodedRecipient.builder(address).action(action).diagnostic(diagnostic);
        Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
        return b;
    }

    static boolean startsWithIgnoreCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    static boolean containsIgnoreCase(String value, String needle) {
        return value.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }

    /** Joins lines with single spaces, the way folded diagnostic lines are joined. */
    static String join(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            String t = l.strip();
            if (!t.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(t);
            }
        }
        return sb.toString();
    }
}
