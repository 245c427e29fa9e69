package io.jamesbounce.webadmin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.store.AllowlistEntry;
import io.jamesbounce.store.AuditEntry;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.SuppressionDetails;
import io.jamesbounce.store.UntrustedEvent;

/**
 * The JSON shapes of the routes, as ordered maps of strings, numbers, booleans and nulls: what Jackson
 * renders the same way in every James version, with no module for {@code Optional} or {@code Instant}.
 * Names are camelCase as in James' own routes; categories and sources are the lower-case labels the
 * CSV/JSONL forms use; codes and diagnostics are kept verbatim.
 */
final class ResponseBodies {
    private ResponseBodies() {
    }

    static Map<String, Object> suppression(Suppression s, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", s.address().value());
        m.put("category", s.category().label());
        m.put("source", s.source().label());
        m.put("rule", s.ruleId());
        m.put("suppressedAt", s.suppressedAt().toString());
        m.put("expiresAt", text(s.expiresAt()));
        m.put("active", s.isActiveAt(now));
        m.put("reportKey", s.reportKey().orElse(null));
        m.put("replyCode", text(s.replyCode()));
        m.put("status", text(s.status()));
        m.put("diagnostic", s.diagnostic().orElse(null));
        m.put("reportingMta", s.reportingMta().orElse(null));
        m.put("originalMessageId", s.originalMessageId().orElse(null));
        return m;
    }

    static Map<String, Object> details(SuppressionDetails d, List<UntrustedEvent> untrusted, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", d.address().value());
        m.put("suppressed", d.suppression().filter(s -> s.isActiveAt(now)).isPresent());
        m.put("suppression", d.suppression().map(s -> suppression(s, now)).orElse(null));
        m.put("events", d.events().stream().map(ResponseBodies::event).toList());
        m.put("audit", d.audit().stream().map(ResponseBodies::audit).toList());
        m.put("untrusted", untrusted.stream().map(ResponseBodies::untrusted).toList());
        return m;
    }

    /** A report that could not be authenticated: why, when, and the event it would have been. */
    static Map<String, Object> untrusted(UntrustedEvent u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recordedAt", u.recordedAt().toString());
        m.put("reason", u.reason().name().toLowerCase(Locale.ROOT));
        m.put("detail", u.detail());
        m.put("event", event(u.event()));
        return m;
    }

    static Map<String, Object> event(BounceEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("occurredAt", e.occurredAt().toString());
        m.put("source", e.source().label());
        m.put("category", e.category().label());
        m.put("rule", e.ruleId());
        m.put("reportKey", e.reportKey());
        m.put("replyCode", text(e.replyCode()));
        m.put("status", text(e.status()));
        m.put("diagnostic", e.diagnostic().orElse(null));
        m.put("reportingMta", e.reportingMta().orElse(null));
        m.put("originalMessageId", e.originalMessageId().orElse(null));
        m.put("feedbackType", e.feedbackType().map(f -> f.token()).orElse(null));
        return m;
    }

    static Map<String, Object> audit(AuditEntry a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", a.action().name().toLowerCase(Locale.ROOT));
        m.put("at", a.change().at().toString());
        m.put("actor", a.change().actor());
        m.put("reason", a.change().reason());
        m.put("category", a.category().label());
        m.put("source", a.source().label());
        return m;
    }

    static Map<String, Object> allowlist(AllowlistEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", e.value());
        m.put("kind", e.isDomain() ? "domain" : "address");
        m.put("addedAt", e.change().at().toString());
        m.put("actor", e.change().actor());
        m.put("reason", e.change().reason());
        return m;
    }

    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static List<Object> list(List<?> items) {
        return List.copyOf(items);
    }

    private static String text(Optional<?> value) {
        return value.map(Object::toString).orElse(null);
    }
}
