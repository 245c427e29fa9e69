package io.jamesbounce.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.Attempt;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;

/**
 * Hands every call to another repository: decorators (metrics, switches, dry runs) override only
 * what they change; tests override one method to observe it, instead of a mock.
 */
public class ForwardingRepository implements SuppressionRepository {
    private final SuppressionRepository delegate;

    public ForwardingRepository(SuppressionRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean recordEvent(BounceEvent event) {
        return delegate.recordEvent(event);
    }

    @Override
    public Optional<Decision> recordEventAndDecide(BounceEvent event, Instant historySince, EventDecision decision) {
        return delegate.recordEventAndDecide(event, historySince, decision);
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
    public List<BounceEvent> recentEvents(AddressKey address, int limit) {
        return delegate.recentEvents(address, limit);
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
    }

    @Override
    public void suppressManually(Suppression suppression, Change change) {
        delegate.suppressManually(suppression, change);
    }

    @Override
    public boolean remove(AddressKey address, Change change) {
        return delegate.remove(address, change);
    }

    @Override
    public Optional<Suppression> find(AddressKey address) {
        return delegate.find(address);
    }

    @Override
    public Set<AddressKey> suppressedAmong(Collection<AddressKey> addresses, Instant now) {
        return delegate.suppressedAmong(addresses, now);
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
        return delegate.importSuppressions(suppressions);
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
