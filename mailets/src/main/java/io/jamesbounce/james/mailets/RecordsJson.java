package io.jamesbounce.james.mailets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.mailet.AttributeName;

import io.jamesbounce.core.json.CompactJson;
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
 * Absent values are left out. Written by {@link CompactJson}, the writer of every JSON this project produces.
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
        return CompactJson.write(recorded.stream().map(RecordsJson::object).toList());
    }

    private static Map<String, String> object(RecipientOutcome r) {
        Map<String, String> m = new LinkedHashMap<>();
        if (r.decision().isPresent()) {
            event(m, r.decision().get());
        } else {
            BounceRecord record = r.record().orElseThrow();
            m.put("recipient", record.recipient());
            m.put("category", record.category().label());
            m.put("skipped", r.skipped().orElseThrow());
        }
        return m;
    }

    private static void event(Map<String, String> m, Decision decision) {
        BounceEvent e = decision.event();
        m.put("recipient", e.recipient().value());
        m.put("source", e.source().name());
        m.put("reportKey", e.reportKey());
        m.put("occurredAt", e.occurredAt().toString());
        m.put("category", e.category().label());
        m.put("rule", e.ruleId());
        e.status().ifPresent(s -> m.put("status", s.toString()));
        e.replyCode().ifPresent(c -> m.put("replyCode", c.toString()));
        e.diagnostic().ifPresent(d -> m.put("diagnostic", d));
        e.reportingMta().ifPresent(mta -> m.put("reportingMta", mta));
        e.originalMessageId().ifPresent(id -> m.put("originalMessageId", id));
        e.feedbackType().ifPresent(t -> m.put("feedbackType", t.token()));
        m.put("outcome", decision.outcome().name());
        m.put("policyRule", decision.ruleId());
        decision.expiresAt().ifPresent(at -> m.put("expiresAt", at.toString()));
    }
}
