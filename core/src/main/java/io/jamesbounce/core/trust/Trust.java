package io.jamesbounce.core.trust;

import java.util.Objects;

/**
 * Whether a report record may act on the suppression list. An untrusted record is kept and counted
 * but suppresses nothing: a forged bounce cannot poison the list.
 */
public sealed interface Trust {

    /** The record may suppress; {@code basis} says what proves it. */
    record Trusted(Basis basis) implements Trust {
        public Trusted {
            Objects.requireNonNull(basis, "basis");
        }
    }

    /** The record is recorded only; {@code detail} is one sentence for an operator. */
    record Untrusted(Reason reason, String detail) implements Trust {
        public Untrusted {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    enum Basis {
        /** The bounce came back to a return path we signed for exactly this recipient. */
        VERP_SIGNATURE,
        /** The report is about a Message-ID we sent recently. */
        SENT_MESSAGE_ID,
        /** A feedback report from a configured feedback-loop source, authenticated by our receiving server. */
        FEEDBACK_LOOP_SOURCE,
        /** No check is configured for this kind of report: trusted as before trust checks existed. */
        UNCHECKED
    }

    enum Reason {
        /** Our signature, for mail sent longer ago than the validity. */
        SIGNATURE_EXPIRED,
        /** Our prefix and domain, a signature that does not verify: forged, altered, truncated or an old key. */
        SIGNATURE_INVALID,
        /** The return path is signed for another recipient than the one this record names. */
        RECIPIENT_NOT_SIGNED,
        /** Signatures are required and the return path has none. */
        UNSIGNED_RETURN_PATH,
        /** The report's original Message-ID is missing or not one we sent recently. */
        UNKNOWN_MESSAGE,
        /** A feedback report from a source that is not a configured, authenticated feedback loop. */
        UNKNOWN_FEEDBACK_SOURCE,
        /** The report names more recipients than one report may act on: genuine or not, it is recorded only. */
        TOO_MANY_RECIPIENTS
    }

    default boolean trusted() {
        return this instanceof Trusted;
    }
}
