package io.jamesbounce.core.text;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** RFC 5322 dates as real MTAs write them: comments, missing weekday, two-digit years, no seconds. */
public final class MailDates {
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
        String v = value.indexOf('(') < 0 ? value : withoutComments(value);
        v = SPACES.matcher(v).replaceAll(" ").trim();
        v = WEEKDAY.matcher(v).replaceFirst("");
        v = v.replace("-0000", "+0000");
        Optional<OffsetDateTime> common = common(v);
        if (common.isPresent()) {
            return common;
        }
        try {
            return Optional.of(OffsetDateTime.parse(v, FORMAT));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(ZonedDateTime.parse(v, FORMAT_ZONE).toOffsetDateTime());
            } catch (DateTimeParseException again) {
                try {
                    return Optional.of(OffsetDateTime.parse(value.trim()));
                } catch (DateTimeParseException iso) {
                    return Optional.empty();
                }
            }
        }
    }

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    /**
     * The form nearly every report writes, "6 Aug 2014 00:42:33 -0400", read by hand (the
     * formatters cost microseconds, and an exception when they fail). Only what {@link #FORMAT}
     * reads the same way is accepted; anything else, an out-of-range field included, is left to it.
     */
    private static Optional<OffsetDateTime> common(String v) {
        int n = v.length();
        int i = 0;
        int day = 0;
        while (i < n && i < 2 && isDigit(v.charAt(i))) {
            day = day * 10 + v.charAt(i++) - '0';
        }
        if (i == 0 || i + 4 > n || v.charAt(i) != ' ') {
            return Optional.empty();
        }
        int month = MONTHS.indexOf(lowerAscii(v.charAt(i + 1)) + "" + lowerAscii(v.charAt(i + 2)) + lowerAscii(v.charAt(i + 3)));
        if (month < 0 || month % 3 != 0) {
            return Optional.empty();
        }
        month = month / 3 + 1;
        i += 4;
        if (i + 6 > n || v.charAt(i) != ' ') {
            return Optional.empty();
        }
        int year = digits(v, i + 1, 4);
        i += 5;
        if (year < 1000 || i >= n || v.charAt(i) != ' ') {
            return Optional.empty();
        }
        i++;
        int hour = 0;
        int start = i;
        while (i < n && i - start < 2 && isDigit(v.charAt(i))) {
            hour = hour * 10 + v.charAt(i++) - '0';
        }
        if (i == start || i + 3 > n || v.charAt(i) != ':') {
            return Optional.empty();
        }
        int minute = digits(v, i + 1, 2);
        i += 3;
        int second = 0;
        if (i < n && v.charAt(i) == ':') {
            second = digits(v, i + 1, 2);
            i += 3;
        }
        if (i + 6 != n || v.charAt(i) != ' ' || v.charAt(i + 1) != '+' && v.charAt(i + 1) != '-') {
            return Optional.empty();
        }
        int offsetHours = digits(v, i + 2, 2);
        int offsetMinutes = digits(v, i + 4, 2);
        if (minute < 0 || second < 0 || offsetHours < 0 || offsetMinutes < 0 || hour > 23 || minute > 59 || second > 59
            || offsetHours > 14 || offsetMinutes > 59 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return Optional.empty();
        }
        int offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (v.charAt(i + 1) == '-' ? -1 : 1);
        return Optional.of(OffsetDateTime.of(year, month, day, hour, minute, second, 0, ZoneOffset.ofTotalSeconds(offsetSeconds)));
    }

    /** The number written with exactly {@code count} ASCII digits at {@code at}, or -1. */
    private static int digits(String v, int at, int count) {
        if (at + count > v.length()) {
            return -1;
        }
        int value = 0;
        for (int k = at; k < at + count; k++) {
            char c = v.charAt(k);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /**
     * Replaces each "(...)" comment with a blank in one pass; an unclosed one runs to the end.
     * (A regex retried from every "(" of a value with none closed was quadratic: found fuzzing.)
     */
    static String withoutComments(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '(') {
                int close = value.indexOf(')', i + 1);
                if (close < 0) {
                    sb.append(value, i, value.length());
                    break;
                }
                sb.append(' ');
                i = close + 1;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }
}
