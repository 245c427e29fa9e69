package io.jamesbounce.core.model;

import java.util.Locale;

/** RFC 5965 section 7.3 feedback types, plus OTHER for unregistered tokens. */
public enum FeedbackType {
    ABUSE, FRAUD, AUTH_FAILURE, NOT_SPAM, VIRUS, OPT_OUT, OTHER;

    public String token() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static FeedbackType parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (FeedbackType type : values()) {
            if (type.token().equals(v)) {
                return type;
            }
        }
        if (v.equals("opt-out-list") || v.equals("unsubscribe")) {
            return OPT_OUT;
        }
        if (v.equals("dkim") || v.equals("spf")) {
            return AUTH_FAILURE;
        }
        return OTHER;
    }

    /** A complaint about the sender, as opposed to an authentication or informational report. */
    public boolean isComplaint() {
        return this == ABUSE || this == FRAUD || this == VIRUS || this == OTHER;
    }
}
