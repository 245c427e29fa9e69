package io.jamesbounce.store.exchange;

import static io.jamesbounce.store.exchange.SuppressionColumns.ADDRESS;
import static io.jamesbounce.store.exchange.SuppressionColumns.CATEGORY;
import static io.jamesbounce.store.exchange.SuppressionColumns.COLUMNS;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

import io.jamesbounce.store.exchange.CsvRecordSplitter.RawRecord;

/**
 * CSV: a header naming the columns (any order, any case, {@code address} and {@code category} required),
 * then one record per entry, its cells read by Commons CSV. A quoted empty cell is an empty text, an
 * unquoted one an absent value; blank lines are skipped.
 */
final class CsvRowReader extends RowReader {
    /** RFC 4180; ALL_NON_NULL tells {@code ""} (an empty text) from nothing between the commas (null). */
    private static final CSVFormat CELLS = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();

    private final SuppressionFields fields;
    private final CsvRecordSplitter records;
    private final List<String> header;

    CsvRowReader(Reader in, SuppressionFields fields) throws IOException {
        super(new LineCountingReader(in));
        this.fields = fields;
        this.in.skipByteOrderMark();
        this.records = new CsvRecordSplitter(this.in);
        header = header(records.next());
    }

    private static List<String> header(RawRecord record) throws IOException {
        List<String> cells = record == null || record.problem().isPresent() ? List.of() : cells(record.text());
        if (cells.isEmpty() || cells.size() == 1 && (cells.get(0) == null || cells.get(0).isEmpty())) {
            throw new IOException("line 1: no CSV header (expected " + String.join(",", COLUMNS) + ")"
                + (record == null ? "" : record.problem().map(p -> ": " + p).orElse("")));
        }
        List<String> names = new ArrayList<>();
        for (String cell : cells) {
            String value = cell == null ? "" : cell;
            String name = value.trim().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                throw new IOException("line 1: unknown column '" + value + "' (known: " + String.join(",", COLUMNS) + ")");
            }
            if (names.contains(name)) {
                throw new IOException("line 1: column '" + name + "' appears twice");
            }
            names.add(name);
        }
        for (String required : List.of(ADDRESS, CATEGORY)) {
            if (!names.contains(required)) {
                throw new IOException("line 1: the header has no '" + required + "' column");
            }
        }
        return List.copyOf(names);
    }

    @Override
    ImportRow read() throws IOException {
        while (true) {
            RawRecord record = records.next();
            if (record == null) {
                return null;
            }
            if (record.problem().isPresent()) {
                return new ImportRow.Rejected(record.line(), record.problem().get());
            }
            if (record.text().isEmpty()) {
                continue; // a blank line
            }
            List<String> cells = cells(record.text());
            if (cells.size() != header.size()) {
                return new ImportRow.Rejected(record.line(), "expected " + header.size() + " fields, found " + cells.size());
            }
            Map<String, Optional<String>> byName = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                byName.put(header.get(i), Optional.ofNullable(cells.get(i)).map(InertCells::restore));
            }
            return fields.row(record.line(), byName);
        }
    }

    /** The cells of one record, null where nothing was between the commas. */
    private static List<String> cells(String record) throws IOException {
        try (CSVParser parser = CSVParser.parse(record, CELLS)) {
            Iterator<CSVRecord> it = parser.iterator();
            return it.hasNext() ? it.next().toList() : List.of();
        }
    }
}
