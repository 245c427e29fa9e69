package io.jamesbounce.ingest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One mail this server failed to deliver, as its remote delivery describes it: the reply or error
 * text, the SMTP reply code when there was one, whether the failure is permanent, and the recipients
 * it failed for (as written in the envelope). {@code mailName} makes the failure's report key, so a
 * failure processed twice counts once.
 */
public record DeliveryFailure(String mailName, List<String> recipients, Optional<String> error, Optional<Integer> replyCode,
                              Optional<Boolean> permanent, Optional<String> messageId) {
    public DeliveryFailure {
        Objects.requireNonNull(mailName, "mailName");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(replyCode, "replyCode");
        Objects.requireNonNull(permanent, "permanent");
        Objects.requireNonNull(messageId, "messageId");
    }

    /** Nothing says what went wrong: not a failure remote delivery described. */
    public boolean isUndescribed() {
        return error.isEmpty() && replyCode.isEmpty() && permanent.isEmpty();
    }
}
