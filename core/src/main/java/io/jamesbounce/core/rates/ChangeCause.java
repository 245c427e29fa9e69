package io.jamesbounce.core.rates;

/** Why a domain changed state. */
public enum ChangeCause {
    /** The figures crossed a threshold: the domain went up. */
    ESCALATED,
    /** The figures stayed below the state's thresholds for the cool-down: the domain stepped down. */
    COOLED_DOWN,
    /** An operator set the domain back to NORMAL. */
    RELEASED
}
