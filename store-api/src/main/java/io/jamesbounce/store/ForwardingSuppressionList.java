package io.jamesbounce.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.jamesbounce.core.policy.AddressKey;

/**
 * Hands every call to another list: decorators (metrics, switches) override only what they change;
 * tests override one method to observe it, instead of a mock. {@link #isSuppressed} is left to its
 * default, so a decorator of {@link #suppressedAmong} sees single lookups too.
 */
public class ForwardingSuppressionList implements SuppressionList {
    private final SuppressionList delegate;

    public ForwardingSuppressionList(SuppressionList delegate) {
        this.delegate = delegate;
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
}
