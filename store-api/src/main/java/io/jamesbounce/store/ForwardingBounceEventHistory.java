package io.jamesbounce.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.Attempt;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;

/**
 * Hands every call to another history: decorators (metrics, switches) override only what they change;
 * tests override one method to observe it, instead of a mock.
 */
public class ForwardingBounceEventHistory implements BounceEventHistory {
    private final BounceEventHistory delegate;

    public ForwardingBounceEventHistory(BounceEventHistory delegate) {
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
}
