package io.jamesbounce.store.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.store.Suppression;

class SuppressionListFormatTest {
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant IMPORTED_AT = Instant.parse("2025-06-01T00:00:00Z");

    /** Every field set, the diagnostic full of what CSV must quote and JSON must escape. */
    private static final Suppression AWKWARD = new Suppression(AddressKey.of("\"john,doe\"@example.org"), Category.USER_UNKNOWN,
        EventSource.DSN, "hard-at-once", Instant.parse("2025-03-01T08:00:00.123456Z"), Optional.empty(),
        Optional.of("<dsn-1@mx.example.net>"), Optional.of(new ReplyCode(550)), Optional.of(EnhancedStatus.of("5.1.1")),
        Optional.of("smtp; 550 5.1.1 <john,doe@example.org>: \"User unknown\",\r\n  see https://x.example/a?b=1,c=2\n\ttab \\ é ✓"),
        Optional.of("dns; mx.example.net"), Optional.of("<news-42@example.com>"));
    private static final Suppression SOFT = new Suppression(AddressKey.of("bob@example.net"), Category.MAILBOX_FULL,
        EventSource.SYNCHRONOUS_DELIVERY_FAILURE, "soft-streak-exceeded", T0, Optional.of(T0.plusSeconds(86_400 * 90)),
        Optional.of("sha256:00ff"), Optional.empty(), Optional.empty(), Optional.of(""), Optional.empty(), Optional.empty());
    private static final Suppression MANUAL = Suppression.of(AddressKey.of("carol@example.com"), Category.COMPLAINT,
        EventSource.MANUAL, Suppression.MANUAL_RULE, T0, Optional.empty());

    private static String write(SuppressionListFormat format, List<Suppression> entries) throws IOException {
        StringWriter out = new StringWriter();
        SuppressionWriter writer = format.writer(out);
        for (Suppression s : entries) {
            writer.write(s);
        }
        return out.toString();
    }

    private static List<ImportRow> read(SuppressionListFormat format, String text) throws IOException {
        List<ImportRow> rows = new ArrayList<>();
        format.reader(new StringReader(text), LocalPartMatching.CASE_INSENSITIVE, IMPORTED_AT)
            .forEachRemaining(rows::add);
        return rows;
    }

    private static List<Suppression> accepted(List<ImportRow> rows) {
        return rows.stream().map(r -> ((ImportRow.Accepted) r).suppression()).toList();
    }

    @ParameterizedTest
    @EnumSource(SuppressionListFormat.class)
    void anExportShouldReadBackToTheSameEntriesAndWriteTheSameText(SuppressionListFormat format) throws IOException {
        List<Suppression> entries = List.of(AWKWARD, SOFT, MANUAL);
        String text = write(format, entries);

        List<ImportRow> rows = read(format, text);

        assertThat(rows).allMatch(r -> r instanceof ImportRow.Accepted);
        assertThat(accepted(rows)).containsExactlyElementsOf(entries);
        assertThat(write(format, accepted(rows))).isEqualTo(text);
    }

    @ParameterizedTest
    @EnumSource(SuppressionListFormat.class)
    void anEmptyTextShouldStayDistinctFromAnAbsentValue(SuppressionListFormat format) throws IOException {
        Suppression read = accepted(read(format, write(format, List.of(SOFT)))).get(0);

        assertThat(read.diagnostic()).contains("");
        assertThat(read.reportingMta()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SuppressionListFormat.class)
    void anExportShouldBeByteForByteWhatTheHandWrittenCodecWrote(SuppressionListFormat format) throws IOException {
        String before = fixture(format);

        assertThat(write(format, ExportSamples.ENTRIES)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(SuppressionListFormat.class)
    void anExportWrittenByTheHandWrittenCodecShouldReadBackToItsEntries(SuppressionListFormat format) throws IOException {
        List<ImportRow> rows = read(format, fixture(format));

        assertThat(rows).allMatch(r -> r instanceof ImportRow.Accepted);
        assertThat(accepted(rows)).containsExactlyElementsOf(ExportSamples.ENTRIES);
    }

    /** The export of {@link ExportSamples#ENTRIES} written at commit 843e08c. */
    private static String fixture(SuppressionListFormat format) throws IOException {
        try (InputStream in = SuppressionListFormatTest.class.getResourceAsStream("/exchange/export-843e08c." + format.label())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Nested
    class Csv {
        @Test
        void theHeaderShouldNameEveryColumnAndRowsEndWithCrlf() throws IOException {
            assertThat(write(SuppressionListFormat.CSV, List.of(MANUAL))).isEqualTo(
                "address,category,source,rule,suppressed_at,expires_at,report_key,reply_code,status,diagnostic,reporting_mta,original_message_id\r\n"
                    + "carol@example.com,complaint,manual,manual,2025-03-01T08:00:00Z,,,,,,,\r\n");
        }

        @Test
        void fieldsWithCommasQuotesOrLineBreaksShouldBeQuotedWithQuotesDoubled() throws IOException {
            String row = write(SuppressionListFormat.CSV, List.of(AWKWARD)).split("\r\n", 2)[1];

            assertThat(row).startsWith("\"\"\"john,doe\"\"@example.org\",user-unknown,dsn,hard-at-once,")
                .contains(",\"smtp; 550 5.1.1 <john,doe@example.org>: \"\"User unknown\"\",\r\n  see https://x.example/a?b=1,c=2\n\ttab \\ é ✓\",");
        }

        @Test
        void aHostileDiagnosticShouldExportAsAnInertCellAndImportBackByteForByte() throws IOException {
            // what a forged DSN put in the diagnostic, the reporting MTA and the report key
            Suppression hostile = new Suppression(AddressKey.of("victim@example.org"), Category.USER_UNKNOWN, EventSource.DSN,
                "hard-at-once", T0, Optional.empty(), Optional.of("@SUM(1+9)*cmd|' /C calc'!A0"), Optional.of(new ReplyCode(550)),
                Optional.of(EnhancedStatus.of("5.1.1")), Optional.of("=HYPERLINK(\"http://evil.test/\",\"click\")"),
                Optional.of("+2+5+cmd|' /C calc'!A0"), Optional.of("-1+1"));
            Suppression quoted = new Suppression(AddressKey.of("quote@example.org"), Category.USER_UNKNOWN, EventSource.DSN,
                "hard-at-once", T0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("'=already quoted"), Optional.of("\ttab first"), Optional.empty());

            String text = write(SuppressionListFormat.CSV, List.of(hostile, quoted));

            String[] rows = text.split("\r\n");
            assertThat(rows[1]).contains(",'@SUM(1+9)").contains(",\"'=HYPERLINK(").contains(",'+2+5+cmd").endsWith(",'-1+1");
            assertThat(rows[1]).doesNotContain(",=").doesNotContain(",@").doesNotContain(",+");
            assertThat(rows[2]).contains(",''=already quoted,").contains(",'\ttab first,");
            assertThat(accepted(read(SuppressionListFormat.CSV, text))).containsExactly(hostile, quoted);
        }

        @Test
        void aQuoteNotPutThereByTheExportShouldBeKept() throws IOException {
            String text = "address,category,diagnostic,reporting_mta\r\noneil@example.org,user-unknown,'quoted words,'o'neil.example\r\n";

            assertThat(accepted(read(SuppressionListFormat.CSV, text))).singleElement().satisfies(s -> {
                assertThat(s.diagnostic()).contains("'quoted words");
                assertThat(s.reportingMta()).contains("'o'neil.example");
            });
        }

        @Test
        void aRecordSpanningLinesShouldNotShiftTheLineNumbersOfTheNextOnes() throws IOException {
            String text = write(SuppressionListFormat.CSV, List.of(AWKWARD)) + "nobody,user-unknown,,,,,,,,,,\r\n";

            List<ImportRow> rows = read(SuppressionListFormat.CSV, text);

            assertThat(rows).hasSize(2);
            assertThat(rows.get(1)).isEqualTo(new ImportRow.Rejected(5, "bad address 'nobody': not an address: 'nobody'"));
        }

        @Test
        void badRowsShouldBeRejectedWithTheirLineAndReasonAndTheRestRead() throws IOException {
            String text = """
                address,category,suppressed_at,expires_at,reply_code,status
                ok@example.org,user-unknown,,,,
                not-an-address,user-unknown,,,,
                a@example.org,vanished,,,,
                b@example.org,bad-domain,yesterday,,,

                c@example.org,mailbox-full,2025-03-01T08:00:00Z,2025-02-01T00:00:00Z,,
                d@example.org,blocked,,,99,
                e@example.org,blocked,,,,5.1
                f@example.org,blocked,,
                g@example.org,"policy"x,,,,
                h@example.org,spam,2025-03-01T09:00:00+01:00,,550,5.7.1
                """;

            List<ImportRow> rows = read(SuppressionListFormat.CSV, text);

            assertThat(rows).containsExactly(
                new ImportRow.Accepted(2, Suppression.of(AddressKey.of("ok@example.org"), Category.USER_UNKNOWN, EventSource.IMPORT,
                    Suppression.IMPORT_RULE, IMPORTED_AT, Optional.empty())),
                new ImportRow.Rejected(3, "bad address 'not-an-address': not an address: 'not-an-address'"),
                new ImportRow.Rejected(4, "unknown category 'vanished' (known: user-unknown, mailbox-disabled, bad-domain, mailbox-full, "
                    + "message-too-large, blocked, spam, policy, throttled, expired, delayed, system-error, complaint, delivered, unknown)"),
                new ImportRow.Rejected(5, "bad suppressed_at 'yesterday': expected an ISO-8601 time like 2025-03-01T08:00:00Z"),
                new ImportRow.Rejected(7, "expires_at 2025-02-01T00:00:00Z is not after suppressed_at 2025-03-01T08:00:00Z"),
                new ImportRow.Rejected(8, "bad reply_code '99': expected three digits 200..559"),
                new ImportRow.Rejected(9, "bad status '5.1': expected an enhanced status code like 5.1.1"),
                new ImportRow.Rejected(10, "expected 6 fields, found 4"),
                new ImportRow.Rejected(11, "text after a closing quote in field 2"),
                new ImportRow.Accepted(12, new Suppression(AddressKey.of("h@example.org"), Category.SPAM, EventSource.IMPORT,
                    Suppression.IMPORT_RULE, T0, Optional.empty(), Optional.empty(), Optional.of(new ReplyCode(550)),
                    Optional.of(EnhancedStatus.of("5.7.1")), Optional.empty(), Optional.empty(), Optional.empty())));
        }

        @Test
        void anUnclosedQuoteShouldRejectTheLastRecordWithoutLosingTheEarlierOnes() throws IOException {
            List<ImportRow> rows = read(SuppressionListFormat.CSV, "address,category\na@example.org,spam\n\"b@example.org,spam\n");

            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).isInstanceOf(ImportRow.Accepted.class);
            assertThat(rows.get(1)).isEqualTo(new ImportRow.Rejected(3, "a quoted field is not closed before the end of the input"));
        }

        @Test
        void anOverlongRecordShouldBeRejectedWithoutBeingHeld() throws IOException {
            String text = "address,category,diagnostic\na@example.org,spam,\"" + "x".repeat(RowReader.MAX_RECORD_CHARS)
                + "\"\nb@example.org,spam,\"" + "y".repeat(100_001) + "\"\nc@example.org,spam,\n";

            List<ImportRow> rows = read(SuppressionListFormat.CSV, text);

            assertThat(rows).containsExactly(
                new ImportRow.Rejected(2, "record longer than " + RowReader.MAX_RECORD_CHARS + " characters"),
                new ImportRow.Rejected(3, "diagnostic longer than 100000 characters"),
                new ImportRow.Accepted(4, Suppression.of(AddressKey.of("c@example.org"), Category.SPAM, EventSource.IMPORT,
                    Suppression.IMPORT_RULE, IMPORTED_AT, Optional.empty())));
        }

        @Test
        void aByteOrderMarkAndLfLineEndingsShouldBeAccepted() throws IOException {
            assertThat(read(SuppressionListFormat.CSV, "\uFEFFAddress,Category\nA@Example.ORG,Complaint\n"))
                .containsExactly(new ImportRow.Accepted(2, Suppression.of(AddressKey.of("a@example.org"), Category.COMPLAINT,
                    EventSource.IMPORT, Suppression.IMPORT_RULE, IMPORTED_AT, Optional.empty())));
        }

        @Test
        void aRecordThatWasNotUtf8ShouldBeRejectedOnItsOwnLine() throws IOException {
            assertThat(read(SuppressionListFormat.CSV, "address,category\na@example.org,spam\nb@exampl\uFFFD.org,spam\nc@example.org,spam\n"))
                .extracting(ImportRow::line, r -> r instanceof ImportRow.Rejected x ? x.reason() : "ok")
                .containsExactly(tuple(2L, "ok"), tuple(3L, "not valid UTF-8 (bytes replaced by U+FFFD)"), tuple(4L, "ok"));
            assertThat(read(SuppressionListFormat.JSONL, "{\"address\":\"b@exampl\uFFFD.org\",\"category\":\"spam\"}\n"))
                .containsExactly(new ImportRow.Rejected(1, "not valid UTF-8 (bytes replaced by U+FFFD)"));
        }

        @Test
        void aBadHeaderShouldFailTheWholeInputAtLineOne() {
            assertThatThrownBy(() -> read(SuppressionListFormat.CSV, "")).hasMessageStartingWith("line 1: no CSV header");
            assertThatThrownBy(() -> read(SuppressionListFormat.CSV, "address,reason\n")).hasMessageStartingWith("line 1: unknown column 'reason'");
            assertThatThrownBy(() -> read(SuppressionListFormat.CSV, "address,source\n")).hasMessage("line 1: the header has no 'category' column");
            assertThatThrownBy(() -> read(SuppressionListFormat.CSV, "address,category,address\n")).hasMessage("line 1: column 'address' appears twice");
        }
    }

    @Nested
    class Jsonl {
        @Test
        void everyFieldShouldBeWrittenWithNullForAbsentValues() throws IOException {
            assertThat(write(SuppressionListFormat.JSONL, List.of(MANUAL))).isEqualTo(
                "{\"address\":\"carol@example.com\",\"category\":\"complaint\",\"source\":\"manual\",\"rule\":\"manual\","
                    + "\"suppressed_at\":\"2025-03-01T08:00:00Z\",\"expires_at\":null,\"report_key\":null,\"reply_code\":null,"
                    + "\"status\":null,\"diagnostic\":null,\"reporting_mta\":null,\"original_message_id\":null}\n");
        }

        @Test
        void badLinesShouldBeRejectedWithTheirNumberAndReason() throws IOException {
            String text = """
                {"address":"a@example.org","category":"spam","reply_code":"550","diagnostic":"caf\\u00e9 \\"x\\""}
                {"address":"b@example.org","category":"spam"
                {"address":"c@example.org","category":"spam","reason":"moved"}

                {"address":"d@example.org","category":"spam","expires_at":true}
                {"address":null,"category":"spam"}
                {"address":"e@example.org","category":"spam","source":"carrier-pigeon"}
                """;

            List<ImportRow> rows = read(SuppressionListFormat.JSONL, text);

            assertThat(rows).containsExactly(
                new ImportRow.Accepted(1, new Suppression(AddressKey.of("a@example.org"), Category.SPAM, EventSource.IMPORT,
                    Suppression.IMPORT_RULE, IMPORTED_AT, Optional.empty(), Optional.empty(), Optional.of(new ReplyCode(550)),
                    Optional.empty(), Optional.of("café \"x\""), Optional.empty(), Optional.empty())),
                new ImportRow.Rejected(2, "not a JSON object: unexpected end of line"),
                new ImportRow.Rejected(3, "unknown field 'reason' (known: address,category,source,rule,suppressed_at,expires_at,"
                    + "report_key,reply_code,status,diagnostic,reporting_mta,original_message_id)"),
                new ImportRow.Rejected(5, "not a JSON object: field 'expires_at' must be a string, a number or null"),
                new ImportRow.Rejected(6, "no address"),
                new ImportRow.Rejected(7, "unknown source 'carrier-pigeon' (known: dsn, arf, synchronous-delivery-failure, manual, import)"));
        }
    }
}
