package io.jamesbounce.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailDatesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Wed, 6 Aug 2014 00:42:33 -0400|2014-08-06T00:42:33-04:00",
        "6 Aug 2014 00:42 -0400 (EDT)|2014-08-06T00:42-04:00",
        "Thu,  7 Mar 2019  10:01:02   -0000|2019-03-07T10:01:02Z",
        "Tue, 27 Oct 09 12:14:30 UTC|2009-10-27T12:14:30Z",
        "27 Oct 75 12:14:30 +0100|1975-10-27T12:14:30+01:00",
        "Mon, 14 Feb 2011 09:30:00 GMT|2011-02-14T09:30Z",
        "1 Jan 49 00:00:00 UT|2049-01-01T00:00Z",
        "Fri, 31 Dec 50 23:59:59 +0000|1950-12-31T23:59:59Z",
        "29 Apr 2013 23:45:50 PST|2013-04-29T23:45:50-07:00",
        "Thu, 29 Apr 2013 09:34:23 JST|2013-04-29T09:34:23+09:00",
        // a time the spring change skips moves forward, as the formatter resolves it
        "10 Mar 2024 02:30:00 EST|2024-03-10T03:30:00-04:00",
        "2016-05-04T08:09:10+02:00|2016-05-04T08:09:10+02:00",
        // the formatters' smart resolution, as it always was: the last day of the month, midnight as the next day
        "30 Feb 2014 10:00:00 +0000|2014-02-28T10:00Z",
        "6 Aug 2014 24:00:00 +0000|2014-08-07T00:00Z",
    })
    void readsTheFormsMailSystemsWrite(String written, String expected) {
        assertThat(MailDates.parse(written)).contains(OffsetDateTime.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "2016-05-04 08-09-10", "6 Aug 2014 00:42:33 +9999", "32 Aug 2014 00:42:33 +0000",
        "6 Aug 2014 00:42:33 +0400 --r2B12345678901.1234567/mail2.example.co.jp", "yesterday"})
    void givesNothingForWhatIsNoDate(String written) {
        assertThat(MailDates.parse(written)).isEmpty();
    }

    /**
     * The formatters are tried without throwing where the text does not read: the answer must be what
     * trying each in turn and catching its exception gave, on dates mangled at random.
     */
    @Test
    void answersAsTheFormattersTriedInTurnWould() {
        String[] seeds = {"Wed, 6 Aug 2014 00:42:33 -0400", "Tue, 27 Oct 09 12:14:30 UTC", "14 Feb 2011 09:30 GMT",
            "1 Apr 2020 23:59:59 PST", "2016-05-04T08:09:10+02:00", "6 Aug 2014 00:42:33 +0000 (UTC)", "6 Aug 99 00:42:33 +0200",
            "29 Feb 2000 23:59 UT", "1 Jan 49 00:00:00 utc", "31 Dec 50 23:59:59 Gmt", "Sun, 10 Mar 2024 02:30:00 EST",
            "3 Nov 2024 01:30:00 PDT", "1 Jul 2019 12:00 CEST", "5 May 2015 10:00:00 JST", "5 May 2015 10:00:00 XYZ", "1 Jan 2001 00:00 pst",
            "1 Jan 2024 10:00 PDT", "1 Jul 2024 10:00:00 PST", "27 Oct 2024 02:30:00 CET", "31 Mar 2024 02:30 CEST"};
        String alphabet = "0123456789 :+-,()TZAaGMTUCPSDEugOct\t\n\u000b\f\r\u001c";
        Random random = new Random(20261207);
        int dates = 0;
        for (int i = 0; i < 40_000; i++) {
            StringBuilder text = new StringBuilder(seeds[random.nextInt(seeds.length)]);
            for (int edits = random.nextInt(3); edits > 0 && !text.isEmpty(); edits--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String written = text.toString();
            Optional<OffsetDateTime> parsed = MailDates.parse(written);

            assertThat(parsed).as(written).isEqualTo(throwingWay(written));
            dates += parsed.isPresent() ? 1 : 0;
        }
        // the mangling leaves both kinds in number
        assertThat(dates).isBetween(10_000, 30_000);
    }

    @Test
    void normalisesBlanksAndAWeekdayAsTheRegularExpressionsDid() {
        String alphabet = "ab Wed,Thursday\t\n\u000b\f\r\u001c\u0000\u00a0\u2003xyz";
        Random random = new Random(7);
        int changed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(16); k > 0; k--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String written = text.toString();

            assertThat(MailDates.blanksCollapsed(written)).as("%s", written.chars().boxed().toList()).isEqualTo(written.replaceAll("\\s+", " "));
            assertThat(MailDates.withoutWeekday(written)).as("%s", written.chars().boxed().toList())
                .isEqualTo(written.replaceFirst("^[A-Za-z]{3,9},?\\s*", ""));
            changed += MailDates.withoutWeekday(written).equals(written) ? 0 : 1;
        }
        assertThat(changed).isGreaterThan(1_000);
    }

    /** MailDates' own formatters tried one after the other, each failure an exception, as it read dates before. */
    private static Optional<OffsetDateTime> throwingWay(String value) {
        if (value.isBlank()) {
            return Optional.empty();
        }
        String v = value.replaceAll("\\([^)]*\\)", " ").replaceAll("\\s+", " ").trim().replaceFirst("^[A-Za-z]{3,9},?\\s*", "")
            .replace("-0000", "+0000");
        try {
            return Optional.of(OffsetDateTime.parse(v, MailDates.FORMAT));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(ZonedDateTime.parse(v, MailDates.FORMAT_ZONE).toOffsetDateTime());
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
