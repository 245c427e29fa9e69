package io.jamesbounce.core.policy;

import java.util.List;

/**
 * What the store knows of an address when an event arrives.
 *
 * @param allowlisted the address or its whole domain is on the allowlist
 * @param attempts    recent events for the address, in any order; may include the event being decided
 */
public record AddressHistory(boolean allowlisted, List<Attempt> attempts) {
    public AddressHistory {
        attempts = List.copyOf(attempts);
    }

    public static AddressHistory empty() {
        return new AddressHistory(false, List.of());
    }

    public static AddressHistory of(Attempt... attempts) {
        return new AddressHistory(false, List.of(attempts));
    }

    public AddressHistory allowlist() {
        return new AddressHistory(true, attempts);
    }
}
