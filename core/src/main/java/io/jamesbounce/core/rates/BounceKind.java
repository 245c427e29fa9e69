package io.jamesbounce.core.rates;

import java.util.Optional;

import io.jamesbounce.core.model.Category;

/**
 * The three families of bounce whose rate a postmaster watches. Counters are kept per
 * {@link Category}; the family is derived when reading, so the mapping can change without touching
 * stored data.
 */
public enum BounceKind {
    /** The address is dead: unknown user, disabled mailbox, domain that does not exist. A list-hygiene signal. */
    HARD("hard"),
    /** A transient failure: full mailbox, remote error, deferral, rate limiting, expiry. */
    SOFT("soft"),
    /** The receiver refuses the sender or the content: blocklist, spam verdict, policy. A reputation signal. */
    BLOCK("block");

    private final String label;

    BounceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The family of a category; empty for outcomes that are not bounces (delivered, delayed, complaint, too large, unknown). */
    public static Optional<BounceKind> of(Category category) {
        return switch (category) {
            case USER_UNKNOWN, MAILBOX_DISABLED, BAD_DOMAIN -> Optional.of(HARD);
            case MAILBOX_FULL, SYSTEM_ERROR, THROTTLED, EXPIRED -> Optional.of(SOFT);
            case BLOCKED, SPAM, POLICY -> Optional.of(BLOCK);
            case MESSAGE_TOO_LARGE, DELAYED, COMPLAINT, DELIVERED, UNKNOWN -> Optional.empty();
        };
    }
}
