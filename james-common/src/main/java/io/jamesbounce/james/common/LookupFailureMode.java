package io.jamesbounce.james.common;

import java.util.Locale;
import java.util.Optional;

/**
 * What the outbound check does when the suppression store cannot answer ({@code lookup.on-failure}).
 */
public enum LookupFailureMode {
    /** The mail is not delivered now: it goes to the mailet's {@code deferredProcessor}, or the failure propagates and James keeps the mail. */
    DEFER,
    /** The mail is delivered as if no recipient were suppressed, with a WARN naming it. */
    DELIVER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LookupFailureMode> fromLabel(String label) {
        for (LookupFailureMode mode : values()) {
            if (mode.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
