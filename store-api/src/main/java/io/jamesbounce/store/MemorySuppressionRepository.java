package io.jamesbounce.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressHistory;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.Attempt;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.store.AuditEntry.AuditAction;

/**
 * The store in memory, for tests and single-server trials: nothing survives a restart.
 * Every method holds the same monitor, which is what makes it safe for concurrent writers.
 *
 * <p>One class for the four views: {@link #recordEventAndDecide} reads the allowlist and writes an
 * event and a suppression, and a manual change writes the list and the audit, each under that one monitor.
 */
public final class MemorySuppressionRepository implements SuppressionList, BounceEventHistory, SuppressionAuditTrail, Allowlist {
    private final Map<String, BounceEvent> eventsByIdempotencyKey = new LinkedHashMap<>();
    private final Map<AddressKey, List<BounceEvent>> eventsByAddress = new HashMap<>();
    private final TreeMap<AddressKey, Suppression> suppressions = new TreeMap<>();
    private final Map<AddressKey, List<AuditEntry>> audit = new HashMap<>();
    private final Map<String, AllowlistEntry> allowlist = new LinkedHashMap<>();

    @Override
    public synchronized boolean recordEvent(BounceEvent event) {
        if (eventsByIdempotencyKey.putIfAbsent(event.idempotencyKey(), event) != null) {
            return false;
        }
        eventsByAddress.computeIfAbsent(event.recipient(), k -> new ArrayList<>()).add(event);
        return true;
    }

    @Override
    public synchronized Optional<Decision> recordEventAndDecide(BounceEvent event, Instant historySince, EventDecision decision) {
        if (eventsByIdempotencyKey.containsKey(event.idempotencyKey())) {
            return Optional.empty();
        }
        List<Attempt> history = new ArrayList<>(attempts(event.recipient(), historySince));
        if (!event.occurredAt().isBefore(historySince)) {
            history.add(event.attempt());
            history.sort(Comparator.comparing(Attempt::at));
        }
        // decided before anything is stored: a decision that fails leaves the repository as it was
        Decision decided = decision.decide(new AddressHistory(isAllowlisted(event.recipient()), history));
        recordEvent(event);
        if (decided.suppresses()) {
            suppress(Suppression.from(decided));
        }
        return Optional.of(decided);
    }

    @Override
    public synchronized List<Attempt> attempts(AddressKey address, Instant since) {
        return eventsOf(address).stream()
            .filter(e -> !e.occurredAt().isBefore(since))
            .map(BounceEvent::attempt)
            .toList();
    }

    @Override
    public synchronized List<BounceEvent> events(AddressKey address) {
        return eventsOf(address);
    }

    private List<BounceEvent> eventsOf(AddressKey address) {
        return eventsByAddress.getOrDefault(address, List.of()).stream()
            .sorted(Comparator.comparing(BounceEvent::occurredAt))
            .toList();
    }

    @Override
    public synchronized List<EventCount> countEvents(Instant from, Instant to) {
        Map<String, Map<Category, Long>> counts = new TreeMap<>();
        for (BounceEvent e : eventsByIdempotencyKey.values()) {
            if (!e.occurredAt().isBefore(from) && e.occurredAt().isBefore(to)) {
                counts.computeIfAbsent(e.recipient().domain(), d -> new TreeMap<>()).merge(e.category(), 1L, Long::sum);
            }
        }
        List<EventCount> out = new ArrayList<>();
        counts.forEach((domain, byCategory) -> byCategory.forEach((category, n) -> out.add(new EventCount(domain, category, n))));
        return out;
    }

    @Override
    public synchronized long purgeEventsBefore(Instant before) {
        long purged = 0;
        Iterator<BounceEvent> it = eventsByIdempotencyKey.values().iterator();
        while (it.hasNext()) {
            BounceEvent e = it.next();
            if (e.occurredAt().isBefore(before)) {
                it.remove();
                eventsByAddress.get(e.recipient()).remove(e);
                purged++;
            }
        }
        return purged;
    }

    @Override
    public synchronized void suppress(Suppression suppression) {
        suppressions.merge(suppression.address(), suppression,
            (existing, candidate) -> existing.isPermanent() ? existing : candidate);
    }

    @Override
    public synchronized void suppressManually(Suppression suppression, Change change) {
        suppressions.put(suppression.address(), suppression); // the operator's word replaces any entry
        audit(new AuditEntry(suppression.address(), AuditAction.ADDED, change, suppression.category(), suppression.source()));
    }

    @Override
    public synchronized boolean remove(AddressKey address, Change change) {
        Suppression removed = suppressions.remove(address);
        if (removed == null) {
            return false;
        }
        audit(new AuditEntry(address, AuditAction.REMOVED, change, removed.category(), removed.source()));
        return true;
    }

    private void audit(AuditEntry entry) {
        audit.computeIfAbsent(entry.address(), k -> new ArrayList<>()).add(entry);
    }

    @Override
    public synchronized Optional<Suppression> find(AddressKey address) {
        return Optional.ofNullable(suppressions.get(address));
    }

    @Override
    public synchronized Set<AddressKey> suppressedAmong(Collection<AddressKey> addresses, Instant now) {
        Set<AddressKey> out = new HashSet<>();
        for (AddressKey address : addresses) {
            Suppression s = suppressions.get(address);
            if (s != null && s.isActiveAt(now)) {
                out.add(address);
            }
        }
        return out;
    }

    @Override
    public synchronized SuppressionPage search(SuppressionQuery query) {
        Map<AddressKey, Suppression> tail = query.after().map(a -> suppressions.tailMap(a, false)).orElse(suppressions);
        List<Suppression> rows = tail.values().stream()
            .filter(query::matches)
            .limit(query.limit() + 1L)
            .toList();
        return SuppressionPage.of(rows, query.limit());
    }

    @Override
    public void forEachSuppression(Consumer<? super Suppression> consumer) {
        List<Suppression> snapshot;
        synchronized (this) {
            // a copy, so that a consumer that writes back to the repository does not deadlock or fail
            snapshot = List.copyOf(suppressions.values());
        }
        snapshot.forEach(consumer);
    }

    @Override
    public synchronized long importSuppressions(Iterator<Suppression> entries) {
        long added = 0;
        while (entries.hasNext()) {
            Suppression s = entries.next();
            if (suppressions.putIfAbsent(s.address(), s) == null) {
                added++;
            }
        }
        return added;
    }

    @Override
    public synchronized long purgeExpired(Instant now) {
        long before = suppressions.size();
        suppressions.values().removeIf(s -> !s.isActiveAt(now));
        return before - suppressions.size();
    }

    @Override
    public synchronized List<AuditEntry> auditHistory(AddressKey address) {
        return List.copyOf(audit.getOrDefault(address, List.of()));
    }

    @Override
    public synchronized void allow(AllowlistEntry entry) {
        allowlist.putIfAbsent(entry.value(), entry);
    }

    @Override
    public synchronized boolean disallow(String addressOrDomain) {
        boolean asWritten = allowlist.remove(AllowlistEntry.normalise(addressOrDomain, LocalPartMatching.CASE_SENSITIVE)) != null;
        boolean folded = allowlist.remove(AllowlistEntry.normalise(addressOrDomain)) != null;
        return asWritten || folded;
    }

    @Override
    public synchronized boolean isAllowlisted(AddressKey address) {
        return allowlist.containsKey(address.value()) || allowlist.containsKey(address.domain());
    }

    @Override
    public synchronized List<AllowlistEntry> entries() {
        return allowlist.values().stream().sorted(Comparator.comparing(AllowlistEntry::value)).toList();
    }
}
