package io.jamesbounce.james.mailets;

import java.util.List;
import java.util.Optional;

import org.apache.mailet.AttributeName;

import io.jamesbounce.core.model.BounceRecord;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.ingest.RecipientOutcome;

/**
 * The records of a report as the JSON array later mailets read from the mail attribute
 * {@value #RECORDS_NAME}: one object per recipient, the evidence verbatim and the policy's decision.
 *
 * <pre>
 * [{"recipient":"alice@example.org","source":"DSN","category":"user-unknown","rule":"...",
 *   "status":"5.1.1","replyCode":"550","diagnostic":"...","reportingMta":"...","originalMessageId":"...",
 *   "feedbackType":"abuse","outcome":"SUPPRESS","policyRule":"hard-at-once","expiresAt":"..."},
 *  {"recipient":"","category":"complaint","skipped":"recipient redacted by the reporter"}]
 * </pre>
 * Absent values are left out.
 */
public final class RecordsJson {
    public static final String RECORDS_NAME = "io.jamesbounce.records";
    public static final AttributeName RECORDS = AttributeName.of(RECORDS_NAME);
    /** Why a report could not be read; set on a mail sent to the unreadable processor. */
    public static final AttributeName PROBLEM = AttributeName.of("io.jamesbounce.problem");
    /** On an audit copy: the recipients dropped because they are suppressed. */
    public static final AttributeName DROPPED = AttributeName.of("io.jamesbounce.dropped-recipients");

    private RecordsJson() {
    }

    public static String of(List<RecipientOutcome> recorded) {
        StringBuilder json = new StringBuilder("[");
        for (RecipientOutcome r : recorded) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('{');
            if (r.decision().isPresent()) {
                event(json, r.decision().get());
            } else {
                BounceRecord record = r.record().orElseThrow();
                field(json, "recipient", record.recipient());
                field(json, "category", record.category().label());
                field(json, "skipped", r.skipped().orElseThrow());
            }
            json.setLength(json.length() - 1);
            json.append('}');
        }
        return json.append(']').toString();
    }

    private static void event(StringBuilder json, Decision decision) {
        BounceEvent e = decision.event();
        field(json, "recipient", e.recipient().value());
        field(json, "source", e.source().name());
        field(json, "reportKey", e.reportKey());
        field(json, "occurredAt", e.occurredAt().toString());
        field(json, "category", e.category().label());
        field(json, "rule", e.ruleId());
        field(json, "status", e.status().map(Object::toString));
        field(json, "replyCode", e.replyCode().map(Object::toString));
        field(json, "diagnostic", e.diagnostic());
        field(json, "reportingMta", e.reportingMta());
        field(json, "originalMessageId", e.originalMessageId());
        field(json, "feedbackType", e.feedbackType().map(t -> t.token()));
        field(json, "outcome", decision.outcome().name());
        field(json, "policyRule", decision.ruleId());
        field(json, "expiresAt", decision.expiresAt().map(Object::toString));
    }

    private static void field(StringBuilder json, String name, Optional<String> value) {
        value.ifPresent(v -> field(json, name, v));
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":");
        string(json, value);
        json.append(',');
    }

    static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
