package io.jamesbounce.store;

import java.util.List;

import io.jamesbounce.core.policy.AddressKey;

/**
 * Addresses and domains the policy never suppresses (an operator can still suppress them by hand).
 * Every backend runs {@code AllowlistContract}.
 */
public interface Allowlist {
    /** Adds an address or domain; adding it again keeps the first entry. */
    void allow(AllowlistEntry entry);

    /**
     * Removes an address or domain, matched as written or case-folded (so both a default and a
     * case-sensitive entry can be removed by its value).
     *
     * @return false if the value was not on the allowlist
     */
    boolean disallow(String addressOrDomain);

    /** Whether the address or its whole domain is allowlisted. */
    boolean isAllowlisted(AddressKey address);

    /** Every entry, in value order. */
    List<AllowlistEntry> entries();
}
