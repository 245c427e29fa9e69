package io.jamesbounce.james.extension;

import java.time.Instant;
import java.util.Optional;

import org.apache.james.metrics.api.MetricFactory;

import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.ForwardingBounceEventHistory;
import io.jamesbounce.store.Suppression;

/**
 * The bounce event history as James sees it, counted through James' {@link MetricFactory}, beside
 * {@link MeteredSuppressionList}. Names:
 *
 * <ul>
 * <li>{@code bounces_events_recorded_source_<source>}: events recorded (a replayed report counts
 *     nothing) by where they came from: {@code dsn}, {@code arf}, {@code synchronous-delivery-failure}</li>
 * <li>{@code bounces_events_recorded_category_<category>}: the same events by category ({@code user-unknown}, ...)</li>
 * <li>{@code bounces_suppressions_added_source_<source>}: the entries the recorded events decided, counted
 *     with those {@link MeteredSuppressionList} counts</li>
 * </ul>
 */
public final class MeteredBounceEventHistory extends ForwardingBounceEventHistory {
    private final MetricFactory metrics;

    public MeteredBounceEventHistory(BounceEventHistory delegate, MetricFactory metrics) {
        super(delegate);
        this.metrics = metrics;
    }

    @Override
    public boolean recordEvent(BounceEvent event) {
        boolean recorded = super.recordEvent(event);
        if (recorded) {
            recorded(event);
        }
        return recorded;
    }

    @Override
    public Optional<Decision> recordEventAndDecide(BounceEvent event, Instant historySince, EventDecision decision) {
        Optional<Decision> decided = super.recordEventAndDecide(event, historySince, decision);
        decided.ifPresent(d -> {
            recorded(event);
            if (d.suppresses()) {
                MeteredSuppressionList.added(metrics, Suppression.from(d));
            }
        });
        return decided;
    }

    private void recorded(BounceEvent event) {
        metrics.generate(MeteredSuppressionList.PREFIX + "events_recorded_source_" + event.source().label()).increment();
        metrics.generate(MeteredSuppressionList.PREFIX + "events_recorded_category_" + event.category().label()).increment();
    }
}
