package io.jamesbounce.core.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How an event reached the store: kept with every event and suppression to explain it later. */
public enum EventSource {
    /** An RFC 3464 delivery status notification or a non-standard bounce decoded as one. */
    DSN,
    /** An RFC 5965 feedback report (ISP feedback loop, JMRP). */
    ARF,
    /** James' own remote delivery failing on the spot, before any bounce was written. */
    SYNCHRONOUS_DELIVERY_FAILURE,
    /** An operator, through WebAdmin or the CLI. */
    MANUAL,
    /** A batch import from another system. */
    IMPORT;

    /** The form in files, on the command line, in WebAdmin and metrics: {@code dsn}, {@code synchronous-delivery-failure}... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A source by its label or its constant name, case-insensitively. */
    public static Optional<EventSource> fromLabel(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(s -> s.name().equals(v)).findFirst();
    }
}
