package io.jamesbounce.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;

/** One address as WebAdmin shows it: the entry (if any), every event recorded for it, every manual change. */
public record SuppressionDetails(AddressKey address, Optional<Suppression> suppression, List<BounceEvent> events,
                                 List<AuditEntry> audit) {
    public SuppressionDetails {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(suppression, "suppression");
        events = List.copyOf(events);
        audit = List.copyOf(audit);
    }

    /** The entry, every event and every manual change of an address, read from a store's three views of it. */
    public static SuppressionDetails read(AddressKey address, SuppressionList suppressions, BounceEventHistory events,
                                          SuppressionAuditTrail audit) {
        return new SuppressionDetails(address, suppressions.find(address), events.events(address), audit.auditHistory(address));
    }

    /** {@link #read(AddressKey, SuppressionList, BounceEventHistory, SuppressionAuditTrail)} with the newest {@code eventLimit} events only. */
    public static SuppressionDetails read(AddressKey address, int eventLimit, SuppressionList suppressions, BounceEventHistory events,
                                          SuppressionAuditTrail audit) {
        return new SuppressionDetails(address, suppressions.find(address), events.recentEvents(address, eventLimit),
            audit.auditHistory(address));
    }
}
