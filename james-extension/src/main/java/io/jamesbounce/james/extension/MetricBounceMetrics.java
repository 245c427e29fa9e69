package io.jamesbounce.james.extension;

import java.util.Locale;

import jakarta.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;

import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.policy.Outcome;
import io.jamesbounce.core.trust.Trust;
import io.jamesbounce.james.mailets.BounceMetrics;

/**
 * The mailets' counts through James' {@link MetricFactory}: {@code bounces_reports_received_<kind>}
 * (kind: bounce, feedback, auto-reply, not-bounce, unparseable — the last one is the parse
 * failures), {@code bounces_outbound_recipients_dropped}, and
 * {@code bounces_untrusted_records_<reason>} (reason: signature_expired, signature_invalid,
 * recipient_not_signed, unsigned_return_path, unknown_message, unknown_feedback_source,
 * too_many_recipients), {@code bounces_unrecognised_<kind>} and {@code bounces_records_<outcome>}
 * (suppress, soft_streak_pending, count_against_domain, record_only, ignored_allowlisted, duplicate).
 */
public final class MetricBounceMetrics implements BounceMetrics {
    static final String RECEIVED = "bounces_reports_received_";
    static final String DROPPED = "bounces_outbound_recipients_dropped";
    static final String UNTRUSTED = "bounces_untrusted_records_";
    static final String UNRECOGNISED = "bounces_unrecognised_";
    static final String RECORDED = "bounces_records_";

    private final MetricFactory metrics;

    @Inject
    public MetricBounceMetrics(MetricFactory metrics) {
        this.metrics = metrics;
    }

    @Override
    public void reportReceived(ReportKind kind) {
        metrics.generate(RECEIVED + kind.label().replace('-', '_')).increment();
    }

    @Override
    public void recipientDropped() {
        metrics.generate(DROPPED).increment();
    }

    @Override
    public void untrustedRecord(Trust.Reason reason) {
        metrics.generate(UNTRUSTED + reason.name().toLowerCase(Locale.ROOT)).increment();
    }

    @Override
    public void unrecognised(ReportKind kind) {
        metrics.generate(UNRECOGNISED + kind.label().replace('-', '_')).increment();
    }

    @Override
    public void recorded(Outcome outcome) {
        metrics.generate(RECORDED + outcome.name().toLowerCase(Locale.ROOT)).increment();
    }
}
