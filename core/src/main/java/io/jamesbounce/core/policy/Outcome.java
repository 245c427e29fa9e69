package io.jamesbounce.core.policy;

/** What became of one event. */
public enum Outcome {
    /** The address is (or stays) suppressed. */
    SUPPRESS,
    /** A soft failure that extends a streak still shorter than the threshold. */
    SOFT_STREAK_PENDING,
    /** A successful delivery; any soft streak starts again from zero. */
    RESET_STREAK,
    /** Counted against the recipient domain; the address itself is not at fault. */
    COUNT_AGAINST_DOMAIN,
    /** Kept for statistics only. */
    RECORD_ONLY,
    /** The address or its domain is allowlisted: would have been suppressed, is not. */
    IGNORED_ALLOWLISTED,
    /** The same report was already recorded for this recipient: nothing was done twice. */
    DUPLICATE
}
