package io.jamesbounce.core.policy;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.text.Addresses;

/**
 * The normalised form of a recipient under which suppressions, events and the allowlist are
 * keyed: domain lower-cased and in ASCII (IDNA), local part folded to lower case unless
 * {@link LocalPartMatching#CASE_SENSITIVE} is asked for.
 *
 * <p>One string only: the lookup cache holds millions of these, so the domain is derived, not stored.
 *
 * @param value {@code local@domain}, already normalised
 */
public record AddressKey(String value) implements Comparable<AddressKey> {
    public AddressKey {
        Objects.requireNonNull(value, "value");
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1) {
            throw new IllegalArgumentException("not an address: '" + value + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '<' || c == '>') {
                throw new IllegalArgumentException("not a normalised address: '" + value + "'");
            }
        }
        String domain = value.substring(at + 1);
        if (!domain.equals(normaliseDomain(domain))) {
            throw new IllegalArgumentException("domain not normalised (lower-case ASCII expected): '" + value + "'");
        }
    }

    /** RFC 5321: a local part of 64 octets, an @, a domain of 255. No mail server delivers to a longer address. */
    public static final int MAX_LENGTH = 320;

    /** Normalises an address as written in a report or by an operator, folding the local part's case. */
    public static AddressKey of(String address) {
        return of(address, LocalPartMatching.CASE_INSENSITIVE);
    }

    /** The key of an address, or empty when it is no mailbox address (a recipient a report or an envelope got wrong). */
    public static Optional<AddressKey> tryOf(String address, LocalPartMatching matching) {
        try {
            return Optional.of(of(address, matching));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static AddressKey of(String address, LocalPartMatching matching) {
        Objects.requireNonNull(address, "address");
        if (address.length() > MAX_LENGTH * 4) {
            throw new IllegalArgumentException("not an address: " + address.length() + " characters");
        }
        String normalised = Addresses.normalise(address);
        int at = normalised.lastIndexOf('@');
        if (at <= 0 || at == normalised.length() - 1) {
            throw new IllegalArgumentException("not an address: '" + address + "'");
        }
        if (normalised.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("not an address: longer than " + MAX_LENGTH + " characters: '"
                + normalised.substring(0, 40) + "...'");
        }
        String local = normalised.substring(0, at);
        if (matching == LocalPartMatching.CASE_INSENSITIVE) {
            local = local.toLowerCase(Locale.ROOT);
        }
        return new AddressKey(local + "@" + normaliseDomain(normalised.substring(at + 1)));
    }

    /** A domain as the store keys it: lower case, ASCII (punycode), no trailing dot. */
    public static String normaliseDomain(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        while (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty()) {
            throw new IllegalArgumentException("empty domain");
        }
        if (!Addresses.isAscii(d)) {
            if (d.length() > 253) {
                throw new IllegalArgumentException("domain longer than 253 characters: '" + domain.substring(0, 40) + "...'");
            }
            try {
                d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a valid international domain: '" + domain + "'", e);
            }
        }
        if (d.length() > 253) {
            throw new IllegalArgumentException("domain longer than 253 characters: '" + d.substring(0, 40) + "...'");
        }
        return d;
    }

    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }

    public String domain() {
        return value.substring(value.lastIndexOf('@') + 1);
    }

    @Override
    public int compareTo(AddressKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
