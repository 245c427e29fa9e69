package io.jamesbounce.core.policy;

/** What the policy does with an event of a given category; see {@link PolicySettings#defaults()}. */
public enum Treatment {
    /** The address is dead: suppress it now, for good. */
    SUPPRESS_AT_ONCE,
    /** The recipient complained: suppress now, for good, unless the feedback type is not a complaint. */
    COMPLAINT,
    /** Transient: suppress only after failing on every attempt for longer than the soft streak. */
    SOFT,
    /** The sender or its content is at fault, not the address: count against the recipient domain. */
    COUNT_AGAINST_DOMAIN,
    /** Keep the event for statistics; decide nothing. */
    RECORD_ONLY,
    /** A successful delivery: ends any soft streak. */
    SUCCESS
}
