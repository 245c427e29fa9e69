package io.jamesbounce.core.rates;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a message to a domain may go now.
 *
 * @param retryAt for a held message, the slot it has reserved: when it may go
 */
public record ThrottleDecision(boolean allowed, Optional<Instant> retryAt) {
    private static final ThrottleDecision ALLOW = new ThrottleDecision(true, Optional.empty());

    public ThrottleDecision {
        Objects.requireNonNull(retryAt, "retryAt");
        if (allowed == retryAt.isPresent()) {
            throw new IllegalArgumentException(allowed ? "an allowed message has no retry time" : "a held message needs a retry time");
        }
    }

    public static ThrottleDecision allow() {
        return ALLOW;
    }

    public static ThrottleDecision holdUntil(Instant retryAt) {
        return new ThrottleDecision(false, Optional.of(retryAt));
    }
}
