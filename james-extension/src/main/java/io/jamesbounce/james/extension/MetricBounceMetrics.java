package io.jamesbounce.james.extension;

import jakarta.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;

import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.james.mailets.BounceMetrics;

/**
 * The mailets' counts through James' {@link MetricFactory}: {@code bounces_reports_received_<kind>}
 * (kind: bounce, feedback, auto-reply, not-bounce, unparseable — the last one is the parse
 * failures) and {@code bounces_outbound_recipients_dropped}.
 */
public final class MetricBounceMetrics implements BounceMetrics {
    static final String RECEIVED = "bounces_reports_received_";
    static final String DROPPED = "bounces_outbound_recipients_dropped";

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
}
