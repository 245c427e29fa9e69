package io.jamesbounce.store.exchange;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.store.Suppression;

/**
 * The interchange forms of the suppression list, defined once for the command line and WebAdmin:
 * CSV (RFC 4180: a header line, CRLF, fields quoted when they hold a comma, a quote or a line break)
 * and JSONL (one JSON object per line). Both carry every field of a {@link Suppression}, so an
 * export imported into an empty store exports again byte for byte.
 *
 * <p>Columns and fields, in this order: {@link SuppressionColumns#COLUMNS}. An absent value is an empty
 * unquoted CSV field or a JSON {@code null}; an empty text is {@code ""} in both. Times are ISO-8601
 * instants ({@code 2025-03-01T08:00:00Z}). {@code source} is {@link EventSource#label()}.
 *
 * <p>Text is UTF-8. Decode input with replacement ({@code new InputStreamReader(in, UTF_8)}): a record
 * holding U+FFFD, the mark of bytes that were not UTF-8, is rejected on its own line instead of
 * failing the whole input at a decoder's read-ahead position.
 *
 * <p>Reading streams: one record in memory at a time, at most {@link RowReader#MAX_RECORD_CHARS} long. A
 * bad record is a {@link ImportRow.Rejected} row naming its line and the reason, never an exception and
 * never dropped; reading goes on with the next record. Only {@code address} and {@code category} are
 * required: lists from other systems may omit the rest ({@code source} then defaults to {@code import},
 * {@code rule} to {@code import}, {@code suppressed_at} to the import time).
 */
public enum SuppressionListFormat {
    CSV, JSONL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SuppressionListFormat> of(String label) {
        return Arrays.stream(values()).filter(f -> f.label().equalsIgnoreCase(label)).findFirst();
    }

    /** A writer that streams entries to {@code out}; the CSV header is written at once. Flushing is the caller's. */
    public SuppressionWriter writer(Writer out) throws IOException {
        return this == CSV ? new CsvSuppressionWriter(out) : new JsonlSuppressionWriter(out);
    }

    /**
     * A reader of entries; a CSV header is read and checked at once.
     *
     * @param matching   how addresses are keyed in the target store
     * @param importedAt {@code suppressed_at} of records that do not say
     * @throws IOException when the input cannot be read, or the CSV header is missing, repeats a column,
     *                     names an unknown one or lacks {@code address} or {@code category}
     */
    public RowReader reader(Reader in, LocalPartMatching matching, Instant importedAt) throws IOException {
        SuppressionFields fields = new SuppressionFields(matching, importedAt);
        return this == CSV ? new CsvRowReader(in, fields) : new JsonlRowReader(in, fields);
    }
}
