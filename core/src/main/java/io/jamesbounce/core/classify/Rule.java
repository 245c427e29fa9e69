package io.jamesbounce.core.classify;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import io.jamesbounce.core.model.Category;
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
                   Optional<SmtpCommand> command, Category category, OptionalInt inferredDetail) {
    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        phrases = List.copyOf(phrases);
        if (!status.matches("\\*|-|[245*]\\.(\\d{1,3}|\\*)\\.(\\d{1,3}|\\*)")) {
            throw new IllegalArgumentException("rule " + id + ": bad status pattern " + status);
        }
        if (!reply.matches("\\*|-|[245*][0-9*][0-9*]")) {
            throw new IllegalArgumentException("rule " + id + ": bad reply pattern " + reply);
        }
    }

    static List<String> phrases(String column) {
        if (column.isBlank() || column.equals("*")) {
            return List.of();
        }
        return List.of(column.toLowerCase(Locale.ROOT).split("\\s*\\|\\s*"));
    }
}
