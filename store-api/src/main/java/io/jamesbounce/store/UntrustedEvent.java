package io.jamesbounce.store;

import java.time.Instant;
import java.util.Objects;

import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.trust.Trust;

/** An event whose report could not be authenticated: kept and counted, never acted on. */
public record UntrustedEvent(BounceEvent event, Trust.Reason reason, String detail, Instant recordedAt) {
    public UntrustedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
