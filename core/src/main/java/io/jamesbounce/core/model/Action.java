package io.jamesbounce.core.model;

import java.util.Locale;
import java.util.Optional;

/** The DSN Action field (RFC 3464 section 2.3.3). */
public enum Action {
    FAILED, DELAYED, DELIVERED, RELAYED, EXPANDED;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads an action token, tolerating the comments and case that real MTAs add ("Failed (permanent)"). */
    public static Optional<Action> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (Action action : values()) {
            if (v.startsWith(action.token())) {
                return Optional.of(action);
            }
        }
        // SendGrid writes "expired" when it stopped retrying: the message was not and will not be delivered
        if (v.startsWith("fail") || v.startsWith("expired")) {
            return Optional.of(FAILED);
        }
        return Optional.empty();
    }
}
