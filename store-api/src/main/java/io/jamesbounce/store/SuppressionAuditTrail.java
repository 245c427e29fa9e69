package io.jamesbounce.store;

import java.util.List;

import io.jamesbounce.core.policy.AddressKey;

/**
 * The operators' changes to the suppression list, address by address. Written by
 * {@link SuppressionList#suppressManually} and {@link SuppressionList#remove} of the same backend, in
 * the transaction of the change; read here. Every backend runs {@code SuppressionAuditTrailContract}.
 */
public interface SuppressionAuditTrail {
    /** The manual changes of an address, oldest first. */
    List<AuditEntry> auditHistory(AddressKey address);
}
