package io.jamesbounce.core.rates;

/** Where a recipient domain stands, in escalating order. */
public enum DomainState {
    /** Send as usual. */
    NORMAL,
    /** Send as usual, and tell the postmaster. */
    WARNING,
    /** Send at {@link RateSettings#throttledPerMinute()} messages a minute. */
    THROTTLED,
    /** Send at {@link RateSettings#criticalPerMinute()} messages a minute: the list or the reputation has a serious problem. */
    CRITICAL;

    public boolean isAbove(DomainState other) {
        return compareTo(other) > 0;
    }

    public boolean throttles() {
        return this == THROTTLED || this == CRITICAL;
    }

    public static DomainState max(DomainState a, DomainState b) {
        return a.isAbove(b) ? a : b;
    }
}
