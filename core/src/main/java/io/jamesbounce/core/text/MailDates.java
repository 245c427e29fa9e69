package io.jamesbounce.core.text;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** RFC 5322 dates as real MTAs write them: comments, missing weekday, two-digit years, no seconds. */
public final class MailDates {
    private static final Pattern COMMENT = Pattern.compile("\\([^)]*\\)");
    private static final Pattern WEEKDAY = Pattern.compile("^[A-Za-z]{3,9},?\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern("d MMM ")
        .appendValueReduced(ChronoField.YEAR, 2, 4, 1950)
        .appendPattern(" H:mm[:ss] ")
        .appendOffset("+HHMM", "+0000")
        .toFormatter(Locale.ENGLISH);
    private static final DateTimeFormatter FORMAT_ZONE = new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern("d MMM ")
        .appendValueReduced(ChronoField.YEAR, 2, 4, 1950)
        .appendPattern(" H:mm[:ss] z")
        .toFormatter(Locale.ENGLISH);

    private MailDates() {
    }

    public static Optional<OffsetDateTime> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = COMMENT.matcher(value).replaceAll(" ");
        v = SPACES.matcher(v).replaceAll(" ").trim();
        v = WEEKDAY.matcher(v).replaceFirst("");
        v = v.replace("-0000", "+0000");
        try {
            return Optional.of(OffsetDateTime.parse(v, FORMAT));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(java.time.ZonedDateTime.parse(v, FORMAT_ZONE).toOffsetDateTime());
            } catch (DateTimeParseException again) {
                try {
                    return Optional.of(OffsetDateTime.parse(value.trim()));
                } catch (DateTimeParseException iso) {
                    return Optional.empty();
                }
            }
        }
    }
}
