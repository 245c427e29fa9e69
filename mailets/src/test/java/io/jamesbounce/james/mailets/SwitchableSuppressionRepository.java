package io.jamesbounce.james.mailets;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.Attempt;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.store.Allowlist;
import io.jamesbounce.store.AllowlistEntry;
import io.jamesbounce.store.AuditEntry;
import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.Change;
import io.jamesbounce.store.EventCount;
import io.jamesbounce.store.MemorySuppressionRepository;
import io.jamesbounce.store.StoreDataException;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.SuppressionAuditTrail;
import io.jamesbounce.store.SuppressionList;
import io.jamesbounce.store.SuppressionPage;
import io.jamesbounce.store.SuppressionQuery;

/** A repository that can be taken down: while down, every call throws, as an unreachable database would. */
final class SwitchableSuppressionRepository implements SuppressionList, BounceEventHistory, SuppressionAuditTrail, Allowlist {
    private final MemorySuppressionRepository delegate;
    private volatile boolean down;
    private volatile boolean refusingValues;

    SwitchableSuppressionRepository(MemorySuppressionRepository delegate) {
        this.delegate = delegate;
    }

    void down() {
        down = true;
    }

    void up() {
        down = false;
        refusingValues = false;
    }

    /** Every call fails as a database refusing a value does (SQL state 22001, value too long). */
    void refuseValues() {
        refusingValues = true;
    }

    private <T> T call(Supplier<T> work) {
        if (down) {
            throw new IllegalStateException("suppression store unreachable (test switch)");
        }
        if (refusingValues) {
            throw new StoreDataException("suppression store: value too long for type character varying(998) (SQL state 22001)", null);
        }
        return work.get();
    }

    private void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    @Override public boolean recordEvent(BounceEvent event) { return call(() -> delegate.recordEvent(event)); }
    @Override public Optional<Decision> recordEventAndDecide(BounceEvent event, Instant historySince, EventDecision decision) {
        return call(() -> delegate.recordEventAndDecide(event, historySince, decision));
    }
    @Override public List<Attempt> attempts(AddressKey address, Instant since) { return call(() -> delegate.attempts(address, since)); }
    @Override public List<BounceEvent> events(AddressKey address) { return call(() -> delegate.events(address)); }
    @Override public List<EventCount> countEvents(Instant from, Instant to) { return call(() -> delegate.countEvents(from, to)); }
    @Override public long purgeEventsBefore(Instant before) { return call(() -> delegate.purgeEventsBefore(before)); }
    @Override public void suppress(Suppression suppression) { run(() -> delegate.suppress(suppression)); }
    @Override public void suppressManually(Suppression suppression, Change change) { run(() -> delegate.suppressManually(suppression, change)); }
    @Override public boolean remove(AddressKey address, Change change) { return call(() -> delegate.remove(address, change)); }
    @Override public Optional<Suppression> find(AddressKey address) { return call(() -> delegate.find(address)); }
    @Override public Set<AddressKey> suppressedAmong(Collection<AddressKey> addresses, Instant now) { return call(() -> delegate.suppressedAmong(addresses, now)); }
    @Override public SuppressionPage search(SuppressionQuery query) { return call(() -> delegate.search(query)); }
    @Override public void forEachSuppression(Consumer<? super Suppression> consumer) { run(() -> delegate.forEachSuppression(consumer)); }
    @Override public long importSuppressions(Iterator<Suppression> suppressions) { return call(() -> delegate.importSuppressions(suppressions)); }
    @Override public long purgeExpired(Instant now) { return call(() -> delegate.purgeExpired(now)); }
    @Override public List<AuditEntry> auditHistory(AddressKey address) { return call(() -> delegate.auditHistory(address)); }
    @Override public void allow(AllowlistEntry entry) { run(() -> delegate.allow(entry)); }
    @Override public boolean disallow(String addressOrDomain) { return call(() -> delegate.disallow(addressOrDomain)); }
    @Override public boolean isAllowlisted(AddressKey address) { return call(() -> delegate.isAllowlisted(address)); }
    @Override public List<AllowlistEntry> entries() { return call(() -> delegate.entries()); }
}
