package io.jamesbounce.core.dsn;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FieldValue;
import io.jamesbounce.core.model.TypedValue;
import io.jamesbounce.core.text.Lines;
import io.jamesbounce.core.text.MailDates;

/**
 * Parses the body of a delivery-status entity into per-message and per-recipient fields. Tolerates
 * what real MTAs write: missing blank lines between groups, blank lines inside a folded diagnostic,
 * continuation lines without indentation.
 */
public final class DeliveryStatusParser {
    private static final Set<String> RECIPIENT_FIELDS = Set.of("original-recipient", "final-recipient", "action",
        "status", "remote-mta", "diagnostic-code", "last-attempt-date", "will-retry-until", "final-log-id",
        "x-actual-recipient", "x-supplementary-info", "x-display-name");
    private static final Set<String> RECIPIENT_START = Set.of("original-recipient", "final-recipient");

    private DeliveryStatusParser() {
    }

    public static DeliveryStatus parse(String body) {
        List<List<Headers.Field>> groups = groups(body);
        List<Headers.Field> perMessage = new ArrayList<>();
        List<RecipientGroup> recipients = new ArrayList<>();
        RecipientGroup current = null;
        for (List<Headers.Field> group : groups) {
            boolean startsNewGroup = true;
            if (current != null && current.hasRecipientId() && opensRecipientGroup(group)) {
                // a blank line ends a recipient's group even when the next one names its recipient
                // after Action and Status (Sun/Oracle Messaging Server writes them in that order)
                current = new RecipientGroup();
                recipients.add(current);
            }
            for (Headers.Field f : group) {
                String name = f.name().toLowerCase(Locale.ROOT);
                boolean recipientField = RECIPIENT_FIELDS.contains(name);
                if (!recipientField && current == null) {
                    perMessage.add(f);
                    continue;
                }
                boolean needNew = current == null
                    || RECIPIENT_START.contains(name) && (startsNewGroup && current.hasRecipientId() || current.has(name)
                        || name.equals("original-recipient") && current.describedAfterFinalRecipient);
                if (needNew) {
                    current = new RecipientGroup();
                    recipients.add(current);
                }
                current.add(f, name);
                startsNewGroup = false;
            }
        }
        List<PerRecipientFields> parsed = new ArrayList<>();
        for (RecipientGroup r : recipients) {
            parsed.add(perRecipient(r.fields));
        }
        return new DeliveryStatus(perMessage(perMessage), parsed);
    }

    /**
     * The fields of one recipient as they are read, with what the grouping asks of them kept up to
     * date: a DSN can hold thousands of fields, and scanning them for every line was quadratic (fuzzer).
     */
    private static final class RecipientGroup {
        private final List<Headers.Field> fields = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        /**
         * Its Final-Recipient is followed by its Action or Status, so that an Original-Recipient can
         * only start the next recipient. Amazon SES writes Action first, then Final-Recipient, then
         * Original-Recipient, all of one recipient.
         */
        private boolean describedAfterFinalRecipient;

        void add(Headers.Field f, String lowerName) {
            if (names.contains("final-recipient") && (lowerName.equals("action") || lowerName.equals("status"))) {
                describedAfterFinalRecipient = true;
            }
            fields.add(f);
            names.add(lowerName);
        }

        boolean has(String lowerName) {
            return names.contains(lowerName);
        }

        boolean hasRecipientId() {
            return has("final-recipient") || has("original-recipient");
        }
    }

    private static boolean opensRecipientGroup(List<Headers.Field> group) {
        String first = group.get(0).name().toLowerCase(Locale.ROOT);
        if (!RECIPIENT_FIELDS.contains(first) || RECIPIENT_START.contains(first)) {
            return false;
        }
        for (Headers.Field f : group) {
            if (RECIPIENT_START.contains(f.name().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** A field still being read: its lines are appended in place, and it is unfolded once, at the end. */
    private record Pending(String name, StringBuilder raw) {
    }

    private static List<List<Headers.Field>> groups(String body) {
        // Fields stay pending until the whole body is read: a diagnostic continued after blank lines
        // reopens its field, and re-copying and re-unfolding it each time would be quadratic (fuzzer).
        List<List<Pending>> groups = new ArrayList<>();
        List<Pending> group = new ArrayList<>();
        Pending open = null;
        for (String line : Lines.splitAtLineFeeds(body)) {
            if (line.isBlank()) {
                open = null;
                if (!group.isEmpty()) {
                    groups.add(group);
                    group = new ArrayList<>();
                }
                continue;
            }
            int[] m = fieldLine(line);
            boolean continuation = Character.isWhitespace(line.charAt(0)) || m == null;
            if (continuation) {
                if (open == null && group.isEmpty() && !groups.isEmpty()) {
                    // a line of a diagnostic that a blank line separated from its field: reopen that group
                    group = groups.remove(groups.size() - 1);
                }
                if (open == null && !group.isEmpty()) {
                    open = group.get(group.size() - 1);
                }
                if (open != null) {
                    open.raw().append("\r\n").append(line);
                }
                continue;
            }
            open = new Pending(line.substring(0, m[0]), new StringBuilder(line.substring(m[1] + 1, m[2])));
            group.add(open);
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        List<List<Headers.Field>> out = new ArrayList<>(groups.size());
        for (List<Pending> g : groups) {
            List<Headers.Field> fields = new ArrayList<>(g.size());
            for (Pending f : g) {
                fields.add(field(f.name(), f.raw()));
            }
            out.add(fields);
        }
        return out;
    }

    /**
     * Whether a line is a field, as {@code ^([A-Za-z][A-Za-z0-9-]{0,60})\s*:(.*)$} would match it, without
     * the matcher (a tenth of the parser's time): the end of the name, the colon and the end of the value,
     * or null. As {@code .} with {@code matches()} does, a value holding a line terminator is no field.
     */
    static int[] fieldLine(String line) {
        int n = line.length();
        if (n == 0 || !letter(line.charAt(0))) {
            return null;
        }
        int i = 1;
        while (i < n && (letter(line.charAt(i)) || line.charAt(i) >= '0' && line.charAt(i) <= '9' || line.charAt(i) == '-')) {
            i++;
        }
        if (i > 61) {
            return null;
        }
        int nameEnd = i;
        while (i < n && " \t\n\u000B\f\r".indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        if (i >= n || line.charAt(i) != ':') {
            return null;
        }
        for (int k = i + 1; k < n; k++) {
            char c = line.charAt(k);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return null;
            }
        }
        return new int[] {nameEnd, i, n};
    }

    private static boolean letter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static Headers.Field field(String name, StringBuilder raw) {
        return new Headers.Field(name, unfold(raw.toString()).trim());
    }

    /**
     * Every run of white space that holds a line break becomes one space; other runs stay as they are.
     * A loop, not the regex {@code \s*\r?\n\s*}: that one backtracks over every long run of
     * blanks without a line break, quadratic in its length (found by the fuzzer: ten seconds on 1 MB).
     */
    static String unfold(String raw) {
        if (raw.indexOf('\n') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            if (!isSpace(c)) {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            boolean lineBreak = false;
            while (end < n && isSpace(raw.charAt(end))) {
                lineBreak |= raw.charAt(end) == '\n';
                end++;
            }
            if (lineBreak) {
                out.append(' ');
            } else {
                out.append(raw, i, end);
            }
            i = end;
        }
        return out.toString();
    }

    /** What {@code \s} matches. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static PerMessageFields perMessage(List<Headers.Field> fields) {
        List<Headers.Field> others = new ArrayList<>();
        for (Headers.Field f : fields) {
            switch (f.name().toLowerCase(Locale.ROOT)) {
                case "reporting-mta", "arrival-date", "original-envelope-id", "received-from-mta" -> {
                }
                default -> others.add(f);
            }
        }
        return new PerMessageFields(
            value(fields, "reporting-mta", v -> Optional.of(TypedValue.parse(v))),
            value(fields, "arrival-date", MailDates::parse),
            value(fields, "original-envelope-id", Optional::of).map(FieldValue::verbatim),
            value(fields, "received-from-mta", v -> Optional.of(TypedValue.parse(v))),
            others);
    }

    private static PerRecipientFields perRecipient(List<Headers.Field> fields) {
        List<Headers.Field> others = new ArrayList<>();
        for (Headers.Field f : fields) {
            String n = f.name().toLowerCase(Locale.ROOT);
            if (!RECIPIENT_FIELDS.contains(n) || n.startsWith("x-") || n.equals("final-log-id")) {
                others.add(f);
            }
        }
        Function<String, Optional<TypedValue>> typed = v -> Optional.of(TypedValue.parse(v));
        Function<String, Optional<OffsetDateTime>> date = MailDates::parse;
        return new PerRecipientFields(
            value(fields, "original-recipient", typed),
            value(fields, "final-recipient", typed),
            value(fields, "action", Action::parse),
            value(fields, "status", EnhancedStatus::parse),
            value(fields, "remote-mta", typed),
            value(fields, "diagnostic-code", typed),
            value(fields, "last-attempt-date", date),
            value(fields, "will-retry-until", date),
            others);
    }

    private static <T> Optional<FieldValue<T>> value(List<Headers.Field> fields, String name, Function<String, Optional<T>> parser) {
        for (Headers.Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(new FieldValue<>(f.value(), parser.apply(f.value())));
            }
        }
        return Optional.empty();
    }
}
