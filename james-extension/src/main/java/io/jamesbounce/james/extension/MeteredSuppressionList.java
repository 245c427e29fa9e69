package io.jamesbounce.james.extension;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.Set;

import org.apache.james.metrics.api.MetricFactory;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.store.Change;
import io.jamesbounce.store.ForwardingSuppressionList;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.SuppressionList;

/**
 * The suppression list as James sees it, counted through James' {@link MetricFactory} (so the figures
 * appear wherever James' metrics go: JMX, the WebAdmin {@code /metrics} endpoint, Dropwizard
 * reporters). Every mailet, matcher and route uses the list through this one binding. Names:
 *
 * <ul>
 * <li>{@code bounces_suppressions_added_source_<source>}: entries added or refreshed by the policy, or added
 *     by an operator ({@code manual}); {@code bounces_suppressions_imported}: entries added by an import</li>
 * <li>{@code bounces_suppressions_removed}: entries lifted by an operator</li>
 * <li>{@code bounces_lookup}: a timer, the store's batch lookup of a mail's recipients (the lookups the
 *     in-process cache could not answer)</li>
 * </ul>
 *
 * The entries a recorded event decides are counted by {@link MeteredBounceEventHistory}.
 */
public final class MeteredSuppressionList extends ForwardingSuppressionList {
    public static final String PREFIX = "bounces_";
    public static final String LOOKUP_TIMER = PREFIX + "lookup";
    public static final String REMOVED = PREFIX + "suppressions_removed";
    public static final String IMPORTED = PREFIX + "suppressions_imported";

    private final MetricFactory metrics;

    public MeteredSuppressionList(SuppressionList delegate, MetricFactory metrics) {
        super(delegate);
        this.metrics = metrics;
    }

    @Override
    public void suppress(Suppression suppression) {
        super.suppress(suppression);
        added(metrics, suppression);
    }

    @Override
    public void suppressManually(Suppression suppression, Change change) {
        super.suppressManually(suppression, change);
        added(metrics, suppression);
    }

    static void added(MetricFactory metrics, Suppression suppression) {
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
