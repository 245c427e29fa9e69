package io.jamesbounce.core.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.model.SmtpCommand;

/**
 * The classification rules, read from a tab-separated table (see {@code classification-rules.tsv}).
 * Rules are tried in order; the first that matches decides.
 */
public final class RuleTable {
    public static final String DEFAULT_RESOURCE = "/io/jamesbounce/core/classify/classification-rules.tsv";

    private final List<Rule> rules;
    private final PhraseIndex index;
    private final List<Compiled> compiled;

    public RuleTable(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        List<String> all = new ArrayList<>();
        for (Rule r : rules) {
            all.addAll(r.phrases());
        }
        this.index = new PhraseIndex(all);
        List<Compiled> c = new ArrayList<>();
        for (Rule r : rules) {
            c.add(Compiled.of(r, r.phrases().stream().mapToInt(index::id).toArray()));
        }
        this.compiled = List.copyOf(c);
        Set<String> ids = new HashSet<>();
        for (Rule r : rules) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("duplicate rule id: " + r.id());
            }
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The first rule that matches, found with one scan of the text for every phrase of the table. */
    Optional<Rule> firstMatch(Optional<EnhancedStatus> status, Optional<ReplyCode> reply, Optional<SmtpCommand> command,
                              String lowerText) {
        BitSet present = index.scan(lowerText);
        int statusClass = status.map(EnhancedStatus::statusClass).orElse(-1);
        int subject = status.map(EnhancedStatus::subject).orElse(-1);
        int detail = status.map(EnhancedStatus::detail).orElse(-1);
        int code = reply.map(ReplyCode::value).orElse(-1);
        for (Compiled c : compiled) {
            if (c.matches(statusClass, subject, detail, code, command, lowerText, present)) {
                return Optional.of(c.rule());
            }
        }
        return Optional.empty();
    }

    /**
     * A rule with its conditions parsed once: the status and reply patterns as numbers (-1 for a
     * wildcard part), its phrases as ids into the table's {@link PhraseIndex}.
     */
    private record Compiled(Rule rule, Condition status, int[] statusParts, Condition reply, int[] replyDigits, int[] phraseIds) {
        enum Condition { ANY, NONE, PATTERN }

        static Compiled of(Rule r, int[] phraseIds) {
            Condition sc = condition(r.status());
            int[] sp = new int[3];
            if (sc == Condition.PATTERN) {
                String[] parts = r.status().split("\\.");
                for (int i = 0; i < 3; i++) {
                    sp[i] = parts[i].equals("*") ? -1 : Integer.parseInt(parts[i]);
                }
            }
            Condition rc = condition(r.reply());
            int[] rd = new int[3];
            if (rc == Condition.PATTERN) {
                for (int i = 0; i < 3; i++) {
                    char ch = r.reply().charAt(i);
                    rd[i] = ch == '*' ? -1 : ch - '0';
                }
            }
            return new Compiled(r, sc, sp, rc, rd, phraseIds);
        }

        private static Condition condition(String column) {
            return column.equals("*") ? Condition.ANY : column.equals("-") ? Condition.NONE : Condition.PATTERN;
        }

        boolean matches(int statusClass, int subject, int detail, int code, Optional<SmtpCommand> refused, String lowerText,
                        BitSet present) {
            if (rule.command().isPresent() && !rule.command().equals(refused)) {
                return false;
            }
            if (!matches(status, statusClass < 0, () -> part(statusParts[0], statusClass) && part(statusParts[1], subject)
                && part(statusParts[2], detail))) {
                return false;
            }
            if (!matches(reply, code < 0, () -> part(replyDigits[0], code / 100) && part(replyDigits[1], code / 10 % 10)
                && part(replyDigits[2], code % 10))) {
                return false;
            }
            if (phraseIds.length > 0) {
                boolean any = false;
                for (int id : phraseIds) {
                    if (present.get(id)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            return rule.regex().isEmpty() || rule.regex().get().matcher(lowerText).find();
        }

        private static boolean matches(Condition c, boolean absent, BooleanSupplier pattern) {
            return switch (c) {
                case ANY -> true;
                case NONE -> absent;
                case PATTERN -> !absent && pattern.getAsBoolean();
            };
        }

        private static boolean part(int want, int value) {
            return want < 0 || want == value;
        }
    }

    public static RuleTable defaults() {
        try (InputStream in = RuleTable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + DEFAULT_RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Columns: id, status, reply, category, then optional: phrases (separated by |), a regex
     * (prefixed re:), the refused SMTP command (prefixed cmd:), the X.0.9xx detail to infer when no
     * status was given (prefixed code:).
     */
    public static RuleTable parse(InputStream in) throws IOException {
        List<Rule> rules = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t+");
            if (cols.length < 4) {
                throw new IllegalArgumentException("rule table line " + n + ": need at least 4 columns: " + line);
            }
            int lineNumber = n;
            Category category = Category.fromLabel(cols[3])
                .orElseThrow(() -> new IllegalArgumentException("rule table line " + lineNumber + ": unknown category " + cols[3]));
            List<String> phrases = List.of();
            Optional<Pattern> regex = Optional.empty();
            Optional<SmtpCommand> command = Optional.empty();
            OptionalInt code = OptionalInt.empty();
            for (int i = 4; i < cols.length; i++) {
                String c = cols[i].trim();
                if (c.startsWith("re:")) {
                    regex = Optional.of(Pattern.compile(c.substring(3)));
                } else if (c.startsWith("code:")) {
                    code = OptionalInt.of(Integer.parseInt(c.substring(5).trim()));
                } else if (c.startsWith("cmd:")) {
                    command = Optional.of(SmtpCommand.valueOf(c.substring(4).trim()));
                } else {
                    phrases = Rule.phrases(c);
                }
            }
            rules.add(new Rule(cols[0].trim(), cols[1].trim(), cols[2].trim(), phrases, regex, command, category, code));
        }
        return new RuleTable(rules);
    }
}
