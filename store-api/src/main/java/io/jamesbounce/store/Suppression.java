package io.jamesbounce.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.core.policy.EventSource;

/**
 * An address outbound mail must not go to, with the evidence of the event that put it there.
 *
 * @param ruleId    the policy rule that suppressed it ({@code hard-at-once}, {@code manual}, ...)
 * @param reportKey the report whose event decided it; empty for manual and imported entries
 * @param expiresAt empty for hard failures, complaints and manual entries: they never lapse
 */
public record Suppression(AddressKey address, Category category, EventSource source, String ruleId,
                          Instant suppressedAt, Optional<Instant> expiresAt, Optional<String> reportKey,
                          Optional<ReplyCode> replyCode, Optional<EnhancedStatus> status, Optional<String> diagnostic,
                          Optional<String> reportingMta, Optional<String> originalMessageId) {
    public static final String MANUAL_RULE = "manual";
    public static final String IMPORT_RULE = "import";

    public Suppression {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(suppressedAt, "suppressedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(reportKey, "reportKey");
        Objects.requireNonNull(replyCode, "replyCode");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(reportingMta, "reportingMta");
        Objects.requireNonNull(originalMessageId, "originalMessageId");
        if (expiresAt.filter(e -> !e.isAfter(suppressedAt)).isPresent()) {
            throw new IllegalArgumentException("a suppression must expire after it starts: " + address);
        }
    }

    /** The entry a SUPPRESS decision writes. */
    public static Suppression from(Decision decision) {
        if (!decision.suppresses()) {
            throw new IllegalArgumentException("not a suppression: " + decision.outcome());
        }
        BounceEvent e = decision.event();
        return new Suppression(e.recipient(), e.category(), e.source(), decision.ruleId(), decision.decidedAt(),
            decision.expiresAt(), Optional.of(e.reportKey()), e.replyCode(), e.status(), e.diagnostic(),
            e.reportingMta(), e.originalMessageId());
    }

    /** An entry without SMTP evidence: manual, imported. */
    public static Suppression of(AddressKey address, Category category, EventSource source, String ruleId,
                                 Instant suppressedAt, Optional<Instant> expiresAt) {
        return new Suppression(address, category, source, ruleId, suppressedAt, expiresAt, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isActiveAt(Instant instant) {
        return expiresAt.map(instant::isBefore).orElse(true);
    }

    public boolean isPermanent() {
        return expiresAt.isEmpty();
    }
}
