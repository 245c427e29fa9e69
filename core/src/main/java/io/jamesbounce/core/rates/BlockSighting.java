package io.jamesbounce.core.rates;

import java.time.Instant;
import java.util.Objects;

import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.policy.AddressKey;

/**
 * One recipient refused with an x.7.x status in one bucket: stored once however often it is
 * seen, so that the store can count distinct recipients per status.
 */
public record BlockSighting(String domain, Instant bucket, EnhancedStatus status, AddressKey recipient) {
    public BlockSighting {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(recipient, "recipient");
        if (!recipient.domain().equals(domain)) {
            throw new IllegalArgumentException("recipient " + recipient + " is not in domain " + domain);
        }
    }
}
