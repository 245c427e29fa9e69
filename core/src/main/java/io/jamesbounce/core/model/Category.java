package io.jamesbounce.core.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a recipient record means for the sender, from the corpus taxonomy. {@link #label()} is the
 * stable external name used in JSON, configuration and the database.
 */
public enum Category {
    USER_UNKNOWN("user-unknown"),
    MAILBOX_DISABLED("mailbox-disabled"),
    BAD_DOMAIN("bad-domain"),
    MAILBOX_FULL("mailbox-full"),
    MESSAGE_TOO_LARGE("message-too-large"),
    BLOCKED("blocked"),
    SPAM("spam"),
    POLICY("policy"),
    THROTTLED("throttled"),
    EXPIRED("expired"),
    DELAYED("delayed"),
    SYSTEM_ERROR("system-error"),
    COMPLAINT("complaint"),
    DELIVERED("delivered"),
    UNKNOWN("unknown");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Category> fromLabel(String label) {
        return Arrays.stream(values()).filter(c -> c.label.equalsIgnoreCase(label.trim())).findFirst();
    }
}
