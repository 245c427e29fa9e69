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
 */
public record TrustSettings(Optional<SignedVerpScheme> verp, Optional<SentMessageLog> sent, FeedbackLoopSources feedback) {
    public TrustSettings {
        Objects.requireNonNull(verp, "verp");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(feedback, "feedback");
    }

    public static TrustSettings none() {
        return new TrustSettings(Optional.empty(), Optional.empty(), FeedbackLoopSources.none());
    }
}
