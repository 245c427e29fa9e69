package io.jamesbounce.store;

import java.util.Objects;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.LocalPartMatching;

/**
 * An address or a whole domain that is never suppressed (role accounts, the postmaster, a partner).
 *
 * @param value a normalised address ({@code local@domain}) or a normalised domain (no {@code @})
 */
public record AllowlistEntry(String value, Change change) {
    public AllowlistEntry {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(change, "change");
        if (!value.equals(normalise(value, LocalPartMatching.CASE_SENSITIVE))) {
            throw new IllegalArgumentException("allowlist entry not normalised: '" + value + "'");
        }
    }

    /** Normalises an address the default way (case-insensitive local part) or a domain. */
    public static String normalise(String addressOrDomain) {
        return normalise(addressOrDomain, LocalPartMatching.CASE_INSENSITIVE);
    }

    /** Normalises an address as the store's {@link AddressKey}s are, or a domain. */
    public static String normalise(String addressOrDomain, LocalPartMatching matching) {
        String v = addressOrDomain.trim();
        return v.indexOf('@') >= 0 ? AddressKey.of(v, matching).value() : AddressKey.normaliseDomain(v);
    }

    public static AllowlistEntry of(String addressOrDomain, Change change) {
        return new AllowlistEntry(normalise(addressOrDomain), change);
    }

    /** For a store configured with case-sensitive local parts: the entry must be keyed the same way. */
    public static AllowlistEntry of(String addressOrDomain, LocalPartMatching matching, Change change) {
        return new AllowlistEntry(normalise(addressOrDomain, matching), change);
    }

    public static AllowlistEntry of(AddressKey address, Change change) {
        return new AllowlistEntry(address.value(), change);
    }

    public boolean isDomain() {
        return value.indexOf('@') < 0;
    }

    public boolean covers(AddressKey address) {
        return isDomain() ? address.domain().equals(value) : address.value().equals(value);
    }
}
