package io.jamesbounce.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.trust.Trust;

/**
 * Where events from unauthenticated reports go: apart from the repository's events, so that they
 * never enter an address's history (a forged soft bounce dated weeks ago would otherwise start a
 * soft streak that a genuine bounce then completes).
 */
public interface UntrustedEventLog {
    /** @return false if this report was already recorded for this recipient */
    boolean record(UntrustedEvent event);

    List<UntrustedEvent> events(AddressKey address);

    /** How many untrusted events were recorded in [{@code from}, {@code to}), per reason: forgery attempts show here. */
    Map<Trust.Reason, Long> countByReason(Instant from, Instant to);

    /** Deletes the events recorded before {@code before}. @return how many */
    long purgeBefore(Instant before);
}
