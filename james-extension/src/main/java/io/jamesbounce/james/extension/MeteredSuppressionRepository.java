package io.jamesbounce.james.extension;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.james.metrics.api.MetricFactory;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.Attempt;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.store.AllowlistEntry;
import io.jamesbounce.store.AuditEntry;
import io.jamesbounce.store.EventCount;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.SuppressionCodec;
import io.jamesbounce.store.SuppressionPage;
import io.jamesbounce.store.SuppressionQuery;
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
public final class MeteredSuppressionRepository implements SuppressionRepository {
    public static final String PREFIX = "bounces_";
    public static final String LOOKUP_TIMER = PREFIX + "lookup";
    public static final String REMOVED = PREFIX + "suppressions_removed";
    public static final String IMPORTED = PREFIX + "suppressions_imported";

    private final SuppressionRepository delegate;
    private final MetricFactory metrics;

    public MeteredSuppressionRepository(SuppressionRepository delegate, MetricFactory metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }


    @Override
    public boolean recordEvent(BounceEvent event) {
        boolean recorded = delegate.recordEvent(event);
        if (recorded) {
            metrics.generate(PREFIX + "events_recorded_source_" + SuppressionCodec.label(event.source())).increment();
            metrics.generate(PREFIX + "events_recorded_category_" + event.category().label()).increment();
        }
        return recorded;
    }

    @Override
    public List<Attempt> attempts(AddressKey address, Instant since) {
        return delegate.attempts(address, since);
    }

    @Override
    public List<BounceEvent> events(AddressKey address) {
        return delegate.events(address);
    }

    @Override
    public List<EventCount> countEvents(Instant from, Instant to) {
        return delegate.countEvents(from, to);
    }

    @Override
    public long purgeEventsBefore(Instant before) {
        return delegate.purgeEventsBefore(before);
    }

    @Override
    public void suppress(Suppression suppression) {
        delegate.suppress(suppression);
        added(suppression);
    }

    @Override
    public void suppressManually(Suppression suppression, io.jamesbounce.store.Change change) {
        delegate.suppressManually(suppression, change);
        added(suppression);
    }

    private void added(Suppression suppression) {
        metrics.generate(PREFIX + "suppressions_added_source_" + SuppressionCodec.label(suppression.source())).increment();
    }

    @Override
    public boolean remove(AddressKey address, io.jamesbounce.store.Change change) {
        boolean removed = delegate.remove(address, change);
        if (removed) {
            metrics.generate(REMOVED).increment();
        }
        return removed;
    }

    @Override
    public Optional<Suppression> find(AddressKey address) {
        return delegate.find(address);
    }

    @Override
    public Set<AddressKey> suppressedAmong(Collection<AddressKey> addresses, Instant now) {
        return metrics.decorateSupplierWithTimerMetric(LOOKUP_TIMER, () -> delegate.suppressedAmong(addresses, now));
    }

    @Override
    public SuppressionPage search(SuppressionQuery query) {
        return delegate.search(query);
    }

    @Override
    public void forEachSuppression(Consumer<? super Suppression> consumer) {
        delegate.forEachSuppression(consumer);
    }

    @Override
    public long importSuppressions(Iterator<Suppression> suppressions) {
        long added = delegate.importSuppressions(suppressions);
        if (added > 0) {
            metrics.generate(IMPORTED).add((int) Math.min(added, Integer.MAX_VALUE));
        }
        return added;
    }

    @Override
    public long purgeExpired(Instant now) {
        return delegate.purgeExpired(now);
    }

    @Override
    public List<AuditEntry> auditHistory(AddressKey address) {
        return delegate.auditHistory(address);
    }

    @Override
    public void allow(AllowlistEntry entry) {
        delegate.allow(entry);
    }

    @Override
    public boolean disallow(String addressOrDomain) {
        return delegate.disallow(addressOrDomain);
    }

    @Override
    public boolean isAllowlisted(AddressKey address) {
        return delegate.isAllowlisted(address);
    }

    @Override
    public List<AllowlistEntry> allowlist() {
        return delegate.allowlist();
    }
}
