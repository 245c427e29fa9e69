package io.jamesbounce.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.jamesbounce.core.policy.AddressHistory;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.Attempt;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.store.Allowlist;
import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.Change;
import io.jamesbounce.store.EventCount;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.SuppressionList;
import io.jamesbounce.store.SuppressionPage;
import io.jamesbounce.store.SuppressionQuery;

/**
 * {@code scan --dry-run}: reads the real store's events and allowlist, writes to memory. The policy sees
 * the store's history plus what this run would have added, so the decisions are the ones a real run would
 * make, and a report already in the store is still a duplicate. Only what
 * {@link io.jamesbounce.store.SuppressionService#record} calls is supported; the list side drops the entries
 * decided and refuses everything else, so a dry run cannot write to the store by any path.
 */
final class DryRunRepository implements BounceEventHistory, SuppressionList {
    private final BounceEventHistory store;
    private final Allowlist allowlist;
    private final Set<String> recorded = new HashSet<>();
    private final Map<AddressKey, List<BounceEvent>> events = new HashMap<>();

    /** @param store the store's events, read; @param allowlist the store's allowlist, read */
    DryRunRepository(BounceEventHistory store, Allowlist allowlist) {
        this.store = store;
        this.allowlist = allowlist;
    }

    @Override
    public Optional<Decision> recordEventAndDecide(BounceEvent event, Instant historySince, EventDecision decision) {
        if (!recordEvent(event)) {
            return Optional.empty();
        }
        Decision decided = decision.decide(new AddressHistory(isAllowlisted(event.recipient()), attempts(event.recipient(), historySince)));
        if (decided.suppresses()) {
            suppress(Suppression.from(decided));
        }
        return Optional.of(decided);
    }

    @Override
    public boolean recordEvent(BounceEvent event) {
        if (recorded.contains(event.idempotencyKey())
            || store.events(event.recipient()).stream().anyMatch(e -> e.reportKey().equals(event.reportKey()))) {
            return false;
        }
        recorded.add(event.idempotencyKey());
        events.computeIfAbsent(event.recipient(), k -> new ArrayList<>()).add(event);
        return true;
    }

    @Override
    public List<Attempt> attempts(AddressKey address, Instant since) {
        List<Attempt> all = new ArrayList<>(store.attempts(address, since));
        events.getOrDefault(address, List.of()).stream().filter(e -> !e.occurredAt().isBefore(since)).map(BounceEvent::attempt)
            .forEach(all::add);
        all.sort(Comparator.comparing(Attempt::at));
        return all;
    }

    @Override
    public void suppress(Suppression suppression) {
        // a dry run writes nothing; the caller counts the decision
    }

    private boolean isAllowlisted(AddressKey address) {
        return allowlist.isAllowlisted(address);
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not part of a dry run");
    }

    @Override
    public List<BounceEvent> events(AddressKey address) {
        throw unsupported();
    }

    @Override
    public List<EventCount> countEvents(Instant from, Instant to) {
        throw unsupported();
    }

    @Override
    public long purgeEventsBefore(Instant before) {
        throw unsupported();
    }

    @Override
    public void suppressManually(Suppression suppression, Change change) {
        throw unsupported();
    }

    @Override
    public boolean remove(AddressKey address, Change change) {
        throw unsupported();
    }

    @Override
    public Optional<Suppression> find(AddressKey address) {
        throw unsupported();
    }

    @Override
    public Set<AddressKey> suppressedAmong(Collection<AddressKey> addresses, Instant now) {
        throw unsupported();
    }

    @Override
    public SuppressionPage search(SuppressionQuery query) {
        throw unsupported();
    }

    @Override
    public void forEachSuppression(Consumer<? super Suppression> consumer) {
        throw unsupported();
    }

    @Override
    public long importSuppressions(Iterator<Suppression> suppressions) {
        throw unsupported();
    }

    @Override
    public long purgeExpired(Instant now) {
        throw unsupported();
    }
}
