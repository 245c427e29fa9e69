package io.jamesbounce.core.rates;

/** Why a domain is above NORMAL. {@link #label()} is the stable name in logs and alerts. */
public enum TriggerKind {
    /** The hard-bounce rate over the rate window reached a threshold. */
    HARD_RATE("hard-rate"),
    /** The soft-bounce rate of the short window jumped well above its baseline. */
    SOFT_SPIKE("soft-spike"),
    /** The block rate of the short window jumped well above its baseline. */
    BLOCK_SPIKE("block-spike"),
    /** Many distinct recipients of the domain got the same x.7.x status in the short window. */
    REPUTATION("reputation");

    private final String label;

    TriggerKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
