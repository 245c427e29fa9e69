package io.jamesbounce.store;

import java.util.Objects;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;

/**
 * One manual change to the suppression list, kept after the entry itself is gone.
 *
 * @param category the category of the entry added or removed
 * @param source   the source of the entry added or removed: for a removal, what is being overruled
 */
public record AuditEntry(AddressKey address, AuditAction action, Change change, Category category, EventSource source) {
    public enum AuditAction {
        ADDED,
        REMOVED
    }

    public AuditEntry {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(source, "source");
    }
}
