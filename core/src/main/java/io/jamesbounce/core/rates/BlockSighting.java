package io.jamesbounce.core.rates;

import java.time.Instant;
import java.util.Objects;

import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.policy.AddressKey;

/**
 * One recipient refused with an x.7.x status in one bucket: stored once however often it is
 * seen, so that the store can count distinct recipients per status, and by whom ({@code reporter}:
 * the network that handed us the report, or the recipient itself for a refusal our own delivery saw;
 * empty when unknown), so that it can count independent reporters too.
 */
public record BlockSighting(String domain, Instant bucket, EnhancedStatus status, AddressKey recipient, String reporter) {
    public BlockSighting {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(reporter, "reporter");
        if (!recipient.domain().equals(domain)) {
            throw new IllegalArgumentException("recipient " + recipient + " is not in domain " + domain);
        }
    }
}
