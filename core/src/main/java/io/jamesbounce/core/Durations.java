package io.jamesbounce.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as an operator writes them in a setting: {@code 5d}, {@code 12h}, {@code 30m}, {@code 45s}, {@code 500ms}, or ISO-8601. */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    /** Longer than any setting needs, short enough to add to any instant of this millennium. */
    private static final Duration MAX = Duration.ofDays(365L * 1000);

    private Durations() {
    }

    /** @return the duration, or empty when {@code text} is neither form, or is over a thousand years */
    public static Optional<Duration> parse(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(v);
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            try {
                return Optional.of(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                }).filter(d -> d.compareTo(MAX) <= 0);
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Duration.parse(v.toUpperCase(Locale.ROOT))).filter(d -> d.compareTo(MAX) <= 0);
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** What {@link #parse} accepts, for error messages. */
    public static final String FORMS = "5d, 12h, 30m, 45s, 500ms or ISO-8601";
}
