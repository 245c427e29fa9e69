package io.jamesbounce.core.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.SmtpCommand;

/**
 * The classification rules, read from a tab-separated table (see {@code classification-rules.tsv}).
 * Rules are tried in order; the first that matches decides.
 */
public final class RuleTable {
    public static final String DEFAULT_RESOURCE = "/io/jamesbounce/core/classify/classification-rules.tsv";

    private final List<Rule> rules;

    public RuleTable(List<Rule> rules) {
        this.rules = List.copyOf(rules);
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
            java.util.OptionalInt code = java.util.OptionalInt.empty();
            for (int i = 4; i < cols.length; i++) {
                String c = cols[i].trim();
                if (c.startsWith("re:")) {
                    regex = Optional.of(Pattern.compile(c.substring(3)));
                } else if (c.startsWith("code:")) {
                    code = java.util.OptionalInt.of(Integer.parseInt(c.substring(5).trim()));
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
