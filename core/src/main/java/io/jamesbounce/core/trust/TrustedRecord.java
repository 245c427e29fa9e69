package io.jamesbounce.core.trust;

import java.util.Objects;

import io.jamesbounce.core.model.BounceRecord;

/** One record of a report with the trust it earned. */
public record TrustedRecord(BounceRecord record, Trust trust) {
    public TrustedRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(trust, "trust");
    }
}
