package io.jamesbounce.core.dsn;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FieldValue;
import io.jamesbounce.core.model.TypedValue;
import io.jamesbounce.core.text.MailDates;

/**
 * Parses the body of a delivery-status entity into per-message and per-recipient fields. Tolerates
 * what real MTAs write: missing blank lines between groups, blank lines inside a folded diagnostic,
 * continuation lines without indentation.
 */
public final class DeliveryStatusParser {
    private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");
    private static final Pattern FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9-]{0,60})\\s*:(.*)$");
    private static final Pattern FOLD = Pattern.compile("\\s*\\r?\\n\\s*");
    private static final Set<String> RECIPIENT_FIELDS = Set.of("original-recipient", "final-recipient", "action",
        "status", "remote-mta", "diagnostic-code", "last-attempt-date", "will-retry-until", "final-log-id",
        "x-actual-recipient", "x-supplementary-info", "x-display-name");
    private static final Set<String> RECIPIENT_START = Set.of("original-recipient", "final-recipient");

    private DeliveryStatusParser() {
    }

    public static DeliveryStatus parse(String body) {
        List<List<Headers.Field>> groups = groups(body);
        List<Headers.Field> perMessage = new ArrayList<>();
        List<List<Headers.Field>> recipients = new ArrayList<>();
        List<Headers.Field> current = null;
        for (List<Headers.Field> group : groups) {
            boolean startsNewGroup = true;
            for (Headers.Field f : group) {
                String name = f.name().toLowerCase(Locale.ROOT);
                boolean recipientField = RECIPIENT_FIELDS.contains(name);
                if (!recipientField && current == null) {
                    perMessage.add(f);
                    continue;
                }
                boolean needNew = current == null
                    || RECIPIENT_START.contains(name) && (startsNewGroup && hasRecipientId(current) || has(current, name)
                        || name.equals("original-recipient") && has(current, "final-recipient")
                            && (has(current, "action") || has(current, "status")));
                if (needNew) {
                    current = new ArrayList<>();
                    recipients.add(current);
                }
                current.add(f);
                startsNewGroup = false;
            }
        }
        List<PerRecipientFields> parsed = new ArrayList<>();
        for (List<Headers.Field> r : recipients) {
            parsed.add(perRecipient(r));
        }
        return new DeliveryStatus(perMessage(perMessage), parsed);
    }

    private static boolean hasRecipientId(List<Headers.Field> fields) {
        return has(fields, "final-recipient") || has(fields, "original-recipient");
    }

    private static boolean has(List<Headers.Field> fields, String name) {
        return fields.stream().anyMatch(f -> f.name().equalsIgnoreCase(name));
    }

    private static List<List<Headers.Field>> groups(String body) {
        List<List<Headers.Field>> groups = new ArrayList<>();
        List<Headers.Field> group = new ArrayList<>();
        String name = null;
        StringBuilder raw = null;
        for (String line : LINE_BREAK.split(body, -1)) {
            if (line.isBlank()) {
                if (name != null) {
                    group.add(field(name, raw));
                    name = null;
                }
                if (!group.isEmpty()) {
                    groups.add(group);
                    group = new ArrayList<>();
                }
                continue;
            }
            var m = FIELD.matcher(line);
            boolean continuation = Character.isWhitespace(line.charAt(0)) || !m.matches();
            if (continuation) {
                if (name == null && group.isEmpty() && !groups.isEmpty()) {
                    // a line of a diagnostic that a blank line separated from its field: reopen that group
                    group = groups.remove(groups.size() - 1);
                }
                if (name != null) {
                    raw.append("\r\n").append(line);
                } else if (!group.isEmpty()) {
                    Headers.Field last = group.remove(group.size() - 1);
                    name = last.name();
                    raw = new StringBuilder(last.raw()).append("\r\n").append(line);
                }
                continue;
            }
            if (name != null) {
                group.add(field(name, raw));
            }
            name = m.group(1);
            raw = new StringBuilder(m.group(2));
        }
        if (name != null) {
            group.add(field(name, raw));
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    private static Headers.Field field(String name, StringBuilder raw) {
        String r = raw.toString();
        return new Headers.Field(name, r, FOLD.matcher(r).replaceAll(" ").trim());
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
