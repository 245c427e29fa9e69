package io.jamesbounce.core.verp;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** What a return path says of the bounce that came back to it, once its signature is checked. */
public sealed interface VerpVerification {

    /** Signed by a key in force, not expired: the bounce is about this recipient, and only this one. */
    record Valid(String recipient, char keyId, LocalDate expires) implements VerpVerification {
        public Valid {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(expires, "expires");
        }
    }

    /** Signed by us, but for mail older than the validity: a late bounce, or a replayed one. */
    record Expired(String recipient, LocalDate expiredOn) implements VerpVerification {
        public Expired {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(expiredOn, "expiredOn");
        }
    }

    /** Our prefix and domain, but the signature does not match: forged, altered, truncated, or a key no longer in force. */
    record Tampered(String reason) implements VerpVerification {
        public Tampered {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Our prefix and domain without a signature: a plain VERP address (the recipient it names, if any, is unproven). */
    record Unsigned(Optional<String> claimedRecipient) implements VerpVerification {
        public Unsigned {
            Objects.requireNonNull(claimedRecipient, "claimedRecipient");
        }
    }

    /** Not one of our return paths at all. */
    record NotOurs() implements VerpVerification {
    }

    default Optional<String> validRecipient() {
        return this instanceof Valid v ? Optional.of(v.recipient()) : Optional.empty();
    }
}
