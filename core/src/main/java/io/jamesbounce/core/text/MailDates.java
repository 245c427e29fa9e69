package io.jamesbounce.core.text;

import java.text.ParsePosition;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalQuery;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** RFC 5322 dates as real MTAs write them: comments, missing weekday, two-digit years, no seconds. */
public final class MailDates {
    static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern("d MMM ")
        .appendValueReduced(ChronoField.YEAR, 2, 4, 1950)
        .appendPattern(" H:mm[:ss] ")
        .appendOffset("+HHMM", "+0000")
        .toFormatter(Locale.ENGLISH);
    static final DateTimeFormatter FORMAT_ZONE = new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern("d MMM ")
        .appendValueReduced(ChronoField.YEAR, 2, 4, 1950)
        .appendPattern(" H:mm[:ss] z")
        .toFormatter(Locale.ENGLISH);

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
    private static final int MAX_ZONE_NAMES = 512;
    /** Zone names read so far ({@link #zoneNamed}), a name that is none included. */
    private static final Map<String, Optional<ZoneId>> ZONE_NAMES = new ConcurrentHashMap<>();

    private MailDates() {
    }

    public static Optional<OffsetDateTime> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String uncommented = value.indexOf('(') < 0 ? value : withoutComments(value);
        String v = withoutWeekday(blanksCollapsed(uncommented).trim()).replace("-0000", "+0000");
        Optional<OffsetDateTime> common = common(v);
        if (common.isPresent()) {
            return common;
        }
        return parsed(v, FORMAT, OffsetDateTime::from)
            .or(() -> parsed(v, FORMAT_ZONE, ZonedDateTime::from).map(ZonedDateTime::toOffsetDateTime))
            .or(() -> parsed(value.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME, OffsetDateTime::from));
    }

    /**
     * What {@code format.parse(text, query)} gives, empty where it throws, without the exception when
     * the text does not even read: a {@code DateTimeParseException} filled its stack trace for every
     * date in a form other than the common one, and the three formatters are tried in turn.
     */
    private static <T> Optional<T> parsed(String text, DateTimeFormatter format, TemporalQuery<T> query) {
        try {
            ParsePosition position = new ParsePosition(0);
            if (format.parseUnresolved(text, position) == null || position.getErrorIndex() >= 0 || position.getIndex() != text.length()) {
                return Optional.empty();
            }
            return Optional.of(format.parse(text, query));
        } catch (RuntimeException e) {
            // parse wraps whatever its parsers throw (an offset of +9999: DateTimeException) in a DateTimeParseException
            return Optional.empty();
        }
    }

    /**
     * The forms nearly every report writes, "6 Aug 2014 00:42:33 -0400" and "27 Oct 09 12:14:30 UTC",
     * read by hand: the formatters cost microseconds, and a zone name tens of them (the JDK copies its
     * set of every zone id to look one up, and rebuilds its tree of zone names when it was let go).
     * Only what {@link #FORMAT} or {@link #FORMAT_ZONE} reads the same way is accepted: a two-digit year
     * as their base of 1950 reads it, a zone name as {@link #FORMAT_ZONE} reads it ("UTC" is offset
     * zero, "PST" Los Angeles' zone, whose offset in April is -07:00); anything else, an out-of-range
     * field included, is left to them.
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
        int yearDigits = 0;
        while (i + 1 + yearDigits < n && isDigit(v.charAt(i + 1 + yearDigits))) {
            yearDigits++;
        }
        int year = yearDigits == 4 || yearDigits == 2 ? digits(v, i + 1, yearDigits) : -1;
        if (yearDigits == 2 && year >= 0) {
            year += year < 50 ? 2000 : 1900;
        }
        i += 1 + yearDigits;
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
        ZoneId zone;
        if (i + 6 == n && v.charAt(i) == ' ' && (v.charAt(i + 1) == '+' || v.charAt(i + 1) == '-')) {
            int offsetHours = digits(v, i + 2, 2);
            int offsetMinutes = digits(v, i + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetHours > 14 || offsetMinutes > 59) {
                return Optional.empty();
            }
            zone = ZoneOffset.ofTotalSeconds((offsetHours * 3600 + offsetMinutes * 60) * (v.charAt(i + 1) == '-' ? -1 : 1));
        } else {
            Optional<ZoneId> named = zoneNamed(v, i);
            if (named.isEmpty()) {
                return Optional.empty();
            }
            zone = named.get();
        }
        if (minute < 0 || second < 0 || hour > 23 || minute > 59 || second > 59
            || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return Optional.empty();
        }
        LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
        if (zone instanceof ZoneOffset offset) {
            return Optional.of(OffsetDateTime.of(local, offset));
        }
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        // in a change of the clocks (a gap, an hour that happens twice) the formatter also weighs whether
        // the name was a summer or a winter one: left to it
        return offsets.size() == 1 ? Optional.of(OffsetDateTime.of(local, offsets.get(0))) : Optional.empty();
    }

    /**
     * The zone a name after the time stands for ("PST", "JST", "CEST": a blank and two to five letters
     * ending the text), as {@link #FORMAT_ZONE} reads it, or empty: asked of the formatter once per
     * name (the JDK rebuilds or copies its tables of zone names for every one it reads) and kept, for a
     * few hundred names at most.
     */
    private static Optional<ZoneId> zoneNamed(String v, int at) {
        int letters = v.length() - at - 1;
        if (letters < 2 || letters > 5 || v.charAt(at) != ' ') {
            return Optional.empty();
        }
        for (int k = at + 1; k < v.length(); k++) {
            if (!isAsciiLetter(v.charAt(k))) {
                return Optional.empty();
            }
        }
        String name = v.substring(at + 1);
        Optional<ZoneId> known = ZONE_NAMES.get(name);
        if (known != null) {
            return known;
        }
        Optional<ZoneId> zone = parsed("1 Jan 2000 00:00 " + name, FORMAT_ZONE, ZonedDateTime::from).map(ZonedDateTime::getZone);
        if (ZONE_NAMES.size() < MAX_ZONE_NAMES) {
            ZONE_NAMES.put(name, zone);
        }
        return zone;
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

    /** {@code value.replaceAll("\\s+", " ")} without the regular expression: a date is read for every DSN. */
    static String blanksCollapsed(String value) {
        StringBuilder out = null;
        int n = value.length();
        for (int i = 0; i < n; i++) {
            if (!isRegexBlank(value.charAt(i))) {
                if (out != null) {
                    out.append(value.charAt(i));
                }
                continue;
            }
            int end = i + 1;
            while (end < n && isRegexBlank(value.charAt(end))) {
                end++;
            }
            if (out == null && end == i + 1 && value.charAt(i) == ' ') {
                // a single space stays as it is: nothing to copy yet
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n).append(value, 0, i);
            }
            out.append(' ');
            i = end - 1;
        }
        return out == null ? value : out.toString();
    }

    /** {@code \\s} in a regular expression: blank, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isRegexBlank(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** {@code value.replaceFirst("^[A-Za-z]{3,9},?\\s*", "")}: a leading weekday (or any word of 3 to 9 letters, at most its first 9). */
    static String withoutWeekday(String value) {
        int n = value.length();
        int letters = 0;
        while (letters < n && letters < 9 && isAsciiLetter(value.charAt(letters))) {
            letters++;
        }
        if (letters < 3) {
            return value;
        }
        int i = letters;
        if (i < n && value.charAt(i) == ',') {
            i++;
        }
        while (i < n && isRegexBlank(value.charAt(i))) {
            i++;
        }
        return value.substring(i);
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
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
