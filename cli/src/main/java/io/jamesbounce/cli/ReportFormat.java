package io.jamesbounce.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.jamesbounce.core.json.CompactJson;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.BounceRecord;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.model.Report;
import io.jamesbounce.core.model.Sourced;

/** The output forms of {@code classify}: the JSONL contract, a table for people, and an explanation. */
final class ReportFormat {
    private ReportFormat() {
    }

    /** One JSON line per message: the CLI's contract, its members in this order, absent values as null. */
    static String jsonl(String file, Report report) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("file", file);
        line.put("kind", report.kind().label());
        line.put("decoder", report.decoder());
        report.problem().ifPresent(p -> line.put("problem", p));
        report.originalMessage().flatMap(o -> o.messageId()).ifPresent(id -> line.put("original_message_id", id));
        line.put("records", report.records().stream().map(ReportFormat::record).toList());
        return CompactJson.write(line);
    }

    private static Map<String, Object> record(BounceRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recipient", r.recipient());
        m.put("action", r.action().map(Action::token).orElse(null));
        m.put("status", r.status().map(s -> s.value().toString()).orElse(null));
        m.put("replycode", r.replyCode().map(c -> c.value().toString()).orElse(null));
        m.put("category", r.category().label());
        m.put("hard", r.hard());
        m.put("feedback_type", r.feedbackType().map(FeedbackType::token).orElse(null));
        m.put("rule", r.ruleId());
        m.put("status_origin", r.status().map(s -> origin(s)).orElse(null));
        m.put("replycode_origin", r.replyCode().map(s -> origin(s)).orElse(null));
        m.put("diagnostic", r.diagnostic().orElse(null));
        m.put("smtp_command", r.command().map(Enum::name).orElse(null));
        m.put("remote_mta", r.remoteMta().orElse(null));
        m.put("reporting_mta", r.reportingMta().orElse(null));
        return m;
    }

    private static String origin(Sourced<?> s) {
        return s.origin().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static final String[] TABLE_HEADER = {"FILE", "KIND", "RECIPIENT", "ACTION", "STATUS", "REPLY", "CATEGORY", "HARD", "RULE"};

    static List<String[]> tableRows(String file, Report report) {
        List<String[]> rows = new ArrayList<>();
        if (report.records().isEmpty()) {
            rows.add(new String[] {file, report.kind().label(), report.problem().orElse("-"), "", "", "", "", "", ""});
        }
        for (BounceRecord r : report.records()) {
            rows.add(new String[] {file, report.kind().label(), r.recipient(), r.action().map(Action::token).orElse("-"),
                r.status().map(s -> s.value().toString()).orElse("-"), r.replyCode().map(c -> c.value().toString()).orElse("-"),
                r.category().label(), r.hard() ? "yes" : "no", r.ruleId()});
        }
        return rows;
    }

    static String table(List<String[]> rows) {
        int[] width = new int[TABLE_HEADER.length];
        List<String[]> all = new ArrayList<>();
        all.add(TABLE_HEADER);
        all.addAll(rows);
        for (String[] row : all) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], Math.min(row[i].length(), 60));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : all) {
            for (int i = 0; i < row.length; i++) {
                String cell = row[i].length() > 60 ? "…" + row[i].substring(row[i].length() - 59) : row[i];
                sb.append(cell);
                if (i < row.length - 1) {
                    sb.append(" ".repeat(width[i] - cell.length() + 2));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String explain(String file, Report report) {
        StringBuilder sb = new StringBuilder();
        sb.append("file:      ").append(file).append('\n');
        sb.append("kind:      ").append(report.kind().label()).append('\n');
        sb.append("decoder:   ").append(report.decoder()).append('\n');
        report.problem().ifPresent(p -> sb.append("problem:   ").append(p).append('\n'));
        switch (report.kind()) {
            case NOT_A_REPORT -> sb.append("why:       no delivery-status (RFC 3464) or feedback-report (RFC 5965) part, and no\n"
                + "           decoder knew the sender, subject or notice text as a bounce's (a MAILER-DAEMON sender,\n"
                + "           \"Undelivered Mail\", a server's failure sentence): not a report, nothing recorded\n");
            case AUTO_REPLY -> sb.append("why:       it reads as an automatic reply (Auto-Submitted, an out-of-office or\n"
                + "           challenge wording), not a delivery failure: nothing recorded\n");
            default -> {
            }
        }
        report.originalMessage().ifPresent(o -> {
            sb.append("original:  message-id ").append(o.messageId().orElse("-"))
                .append(", from ").append(o.from().orElse("-"))
                .append(", subject ").append(o.subject().orElse("-")).append('\n');
        });
        int n = 0;
        for (BounceRecord r : report.records()) {
            sb.append("record ").append(++n).append(": ").append(r.recipient()).append('\n');
            line(sb, "action", r.action().map(Action::token));
            line(sb, "status", r.status().map(s -> s.value() + " (from " + origin(s) + ")"));
            line(sb, "reply code", r.replyCode().map(s -> s.value() + " (from " + origin(s) + ")"));
            line(sb, "diagnostic", r.diagnostic());
            line(sb, "command", r.command().map(Enum::name));
            line(sb, "remote MTA", r.remoteMta());
            line(sb, "reporting", r.reportingMta());
            line(sb, "feedback", r.feedbackType().map(FeedbackType::token));
            sb.append("  category:   ").append(r.category().label()).append(r.hard() ? " (hard)" : " (not hard)")
                .append(" by rule ").append(r.ruleId()).append('\n');
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, Optional<String> value) {
        value.ifPresent(v -> sb.append("  ").append(String.format("%-11s ", name + ":")).append(v).append('\n'));
    }
}
