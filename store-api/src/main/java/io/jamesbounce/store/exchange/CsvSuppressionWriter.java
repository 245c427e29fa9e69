package io.jamesbounce.store.exchange;

import static io.jamesbounce.store.exchange.SuppressionColumns.COLUMNS;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

import io.jamesbounce.store.Suppression;

/**
 * CSV with Commons CSV: the header, then one RFC 4180 record per entry, CRLF after each. A cell is quoted
 * (its quotes doubled) when it holds a comma, a quote or a line break, and when it is an empty text, which
 * an absent value (nothing between the commas) is not. Cells are {@link InertCells inert} in a spreadsheet.
 */
final class CsvSuppressionWriter implements SuppressionWriter {
    /** Every cell quoted: for the cells that need it. */
    private static final CSVFormat QUOTED = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();
    /** No quoting: for the cells that need none, and the header. */
    private static final CSVFormat PLAIN = CSVFormat.RFC4180.builder().setQuote(null).get();

    private final Writer out;
    private final StringBuilder record = new StringBuilder(256);

    CsvSuppressionWriter(Writer out) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        PLAIN.printRecord(out, COLUMNS.toArray());
    }

    @Override
    public void write(Suppression s) throws IOException {
        record.setLength(0);
        List<Optional<String>> values = SuppressionColumns.values(s);
        for (int i = 0; i < values.size(); i++) {
            String cell = values.get(i).map(InertCells::inert).orElse(null);
            (cell != null && needsQuotes(cell) ? QUOTED : PLAIN).print(cell, record, i == 0);
        }
        PLAIN.println(record);
        out.append(record);
    }

    private static boolean needsQuotes(String cell) {
        if (cell.isEmpty()) {
            return true;
        }
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
