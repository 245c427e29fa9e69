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
}
