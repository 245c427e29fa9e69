package io.jamesbounce.core.trust;

import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.verp.SignedVerpScheme;

/**
 * What proves a report genuine. Each check applies once configured: with none, every record is
 * trusted as before ({@link Trust.Basis#UNCHECKED}).
 *
 * @param verp     signed return paths: a bounce to one of ours must verify
 * @param sent     recent outbound Message-IDs: a bounce without a valid signature must be about one of them
 * @param feedback the feedback loops whose reports are trusted
 * @param maxRecipientsPerReport the most recipients one report may act on: a report naming more is
 *                 recorded only (one forged DSN naming ten thousand addresses must not suppress them)
 */
public record TrustSettings(Optional<SignedVerpScheme> verp, Optional<SentMessageLog> sent, FeedbackLoopSources feedback,
                            int maxRecipientsPerReport) {
    public static final int DEFAULT_MAX_RECIPIENTS_PER_REPORT = 20;

    public TrustSettings {
        Objects.requireNonNull(verp, "verp");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(feedback, "feedback");
        if (maxRecipientsPerReport < 1) {
            throw new IllegalArgumentException("the most recipients one report may act on must be at least 1");
        }
    }

    public TrustSettings(Optional<SignedVerpScheme> verp, Optional<SentMessageLog> sent, FeedbackLoopSources feedback) {
        this(verp, sent, feedback, DEFAULT_MAX_RECIPIENTS_PER_REPORT);
    }

    public static TrustSettings none() {
        return new TrustSettings(Optional.empty(), Optional.empty(), FeedbackLoopSources.none());
    }
}
