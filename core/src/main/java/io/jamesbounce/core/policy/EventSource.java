package io.jamesbounce.core.policy;

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
    IMPORT
}
