package io.jamesbounce.james.extension;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

import org.apache.james.metrics.api.MetricFactory;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.store.Change;
import io.jamesbounce.store.ForwardingRepository;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.SuppressionRepository;

/**
 * The store as James sees it, counted through James' {@link MetricFactory} (so the figures appear
 * wherever James' metrics go: JMX, the WebAdmin {@code /metrics} endpoint, Dropwizard reporters).
 * Every mailet, matcher and route uses the store through this one binding. Names:
 *
 * <ul>
 * <li>{@code bounces_events_recorded_source_<source>}: events recorded (a replayed report counts
 *     nothing) by where they came from: {@code dsn}, {@code arf}, {@code synchronous-delivery-failure}</li>
 * <li>{@code bounces_events_recorded_category_<category>}: the same events by category ({@code user-unknown}, ...)</li>
 * <li>{@code bounces_suppressions_added_source_<source>}: entries added or refreshed by the policy, or added
 *     by an operator ({@code manual}); {@code bounces_suppressions_imported}: entries added by an import</li>
 * <li>{@code bounces_suppressions_removed}: entries lifted by an operator</li>
 * <li>{@code bounces_lookup}: a timer, the store's batch lookup of a mail's recipients (the lookups the
 *     in-process cache could not answer)</li>
 * </ul>
 */
public final class MeteredSuppressionRepository extends ForwardingRepository {
    public static final String PREFIX = "bounces_";
    public static final String LOOKUP_TIMER = PREFIX + "lookup";
    public static final String REMOVED = PREFIX + "suppressions_removed";
    public static final String IMPORTED = PREFIX + "suppressions_imported";

    private final MetricFactory metrics;

    public MeteredSuppressionRepository(SuppressionRepository delegate, MetricFactory metrics) {
        super(delegate);
        this.metrics = metrics;
    }

    @Override
    public boolean recordEvent(BounceEvent event) {
        boolean recorded = super.recordEvent(event);
        if (recorded) {
            metrics.generate(PREFIX + "events_recorded_source_" + event.source().label()).increment();
            metrics.generate(PREFIX + "events_recorded_category_" + event.category().label()).increment();
        }
        return recorded;
    }

    @Override
    public Optional<Decision> recordEventAndDecide(BounceEvent event, Instant historySince, EventDecision decision) {
        Optional<Decision> decided = super.recordEventAndDecide(event, historySince, decision);
        decided.ifPresent(d -> {
            metrics.generate(PREFIX + "events_recorded_source_" + event.source().label()).increment();
            metrics.generate(PREFIX + "events_recorded_category_" + event.category().label()).increment();
            if (d.suppresses()) {
                added(Suppression.from(d));
            }
        });
        return decided;
    }

    @Override
    public void suppress(Suppression suppression) {
        super.suppress(suppression);
        added(suppression);
    }

    @Override
    public void suppressManually(Suppression suppression, Change change) {
        super.suppressManually(suppression, change);
        added(suppression);
    }

    private void added(Suppression suppression) {
        metrics.generate(PREFIX + "suppressions_added_source_" + suppression.source().label()).increment();
    }

    @Override
    public boolean remove(AddressKey address, Change change) {
        boolean removed = super.remove(address, change);
        if (removed) {
            metrics.generate(REMOVED).increment();
        }
        return removed;
    }

    @Override
    public Set<AddressKey> suppressedAmong(Collection<AddressKey> addresses, Instant now) {
        return metrics.decorateSupplierWithTimerMetric(LOOKUP_TIMER, () -> super.suppressedAmong(addresses, now));
    }

    @Override
    public long importSuppressions(Iterator<Suppression> suppressions) {
        long added = super.importSuppressions(suppressions);
        if (added > 0) {
            metrics.generate(IMPORTED).add((int) Math.min(added, Integer.MAX_VALUE));
        }
        return added;
    }
}
