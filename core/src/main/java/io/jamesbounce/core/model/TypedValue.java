package io.jamesbounce.core.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A DSN "type; value" field (RFC 3464 address-type, mta-name-type, diagnostic-type), e.g.
 * {@code rfc822; user@example.org} or {@code smtp; 550 5.1.1 unknown}. Type is empty when absent.
 */
public record TypedValue(String type, String value) {
    public TypedValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static TypedValue parse(String field) {
        int semi = field.indexOf(';');
        if (semi > 0 && semi < 40 && field.substring(0, semi).trim().matches("[A-Za-z0-9._-]+")) {
            return new TypedValue(field.substring(0, semi).trim().toLowerCase(Locale.ROOT), field.substring(semi + 1).trim());
        }
        return new TypedValue("", field.trim());
    }
}
