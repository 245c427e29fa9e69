package io.jamesbounce.core.classify;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.model.SmtpCommand;

/**
 * One line of the classification table: conditions on the enhanced status, the reply code and the
 * diagnostic text, all of which must hold, and the category they mean.
 *
 * @param status  a code where each part may be {@code *} (e.g. {@code 5.7.*}); {@code *} alone matches anything, even none
 * @param reply   a reply code or a class wildcard ({@code 5**}); {@code *} matches anything, even none
 * @param phrases lower-case phrases of which one must occur in the text; empty means no text condition
 * @param regex   a pattern that must be found in the text, when present
 * @param command the SMTP command that must have been refused, when present
 * @param inferredDetail the detail of the X.0.9xx code to infer when the report gave no status, if
 *                this rule knows better than its category's default
 */
public record Rule(String id, String status, String reply, List<String> phrases, Optional<Pattern> regex,
                   Optional<SmtpCommand> command, Category category, java.util.OptionalInt inferredDetail) {
    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        phrases = List.copyOf(phrases);
    }

    boolean matches(Optional<EnhancedStatus> code, Optional<ReplyCode> replyCode, Optional<SmtpCommand> refused, String lowerText) {
        return (command.isEmpty() || command.equals(refused)) && statusMatches(code) && replyMatches(replyCode) && textMatches(lowerText);
    }

    private boolean statusMatches(Optional<EnhancedStatus> code) {
        if (status.equals("*")) {
            return true;
        }
        if (code.isEmpty()) {
            return status.equals("-");
        }
        if (status.equals("-")) {
            return false;
        }
        String[] want = status.split("\\.");
        EnhancedStatus s = code.get();
        return part(want[0], s.statusClass()) && part(want[1], s.subject()) && part(want[2], s.detail());
    }

    private static boolean part(String want, int value) {
        return want.equals("*") || want.equals(Integer.toString(value));
    }

    private boolean replyMatches(Optional<ReplyCode> code) {
        if (reply.equals("*")) {
            return true;
        }
        if (code.isEmpty()) {
            return reply.equals("-");
        }
        String v = code.get().toString();
        for (int i = 0; i < 3; i++) {
            char w = reply.charAt(i);
            if (w != '*' && w != v.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean textMatches(String lowerText) {
        if (!phrases.isEmpty()) {
            boolean any = false;
            for (String p : phrases) {
                if (lowerText.contains(p)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return regex.map(r -> r.matcher(lowerText).find()).orElse(true);
    }

    static List<String> phrases(String column) {
        if (column.isBlank() || column.equals("*")) {
            return List.of();
        }
        return List.of(column.toLowerCase(Locale.ROOT).split("\\s*\\|\\s*"));
    }
}
