package io.jamesbounce.core.rates;

import java.util.Objects;

import io.jamesbounce.core.model.EnhancedStatus;

/**
 * How many distinct recipients of one domain received the same policy status (x.7.x) within a
 * window, reported by how many independent reporters. The same 4.7.x from many mailboxes of one receiver is the receiver refusing the sender,
 * not a problem of those mailboxes.
 */
public record StatusSpread(String domain, EnhancedStatus status, long recipients, long reporters) {
    public StatusSpread {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(status, "status");
        if (recipients < 0 || reporters < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + recipients + ", " + reporters);
        }
    }

    /** Which statuses are tracked per recipient: the security and policy subject, x.7.x. */
    public static boolean isTracked(EnhancedStatus status) {
        return status.subject() == 7 && !status.isSuccess();
    }
}
