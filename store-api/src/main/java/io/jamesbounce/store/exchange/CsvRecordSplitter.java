package io.jamesbounce.store.exchange;

import static io.jamesbounce.store.exchange.RowReader.MAX_RECORD_CHARS;
import static io.jamesbounce.store.exchange.RowReader.NOT_UTF8;
import static io.jamesbounce.store.exchange.RowReader.REPLACEMENT;
import static io.jamesbounce.store.exchange.RowReader.TOO_LONG;

import java.io.IOException;
import java.util.Optional;

/**
 * Cuts CSV input into records before Commons CSV parses each one. Commons CSV builds a whole record in
 * memory however long it is, and cannot go on after a malformed one; an import must read a list of any
 * size in bounded memory and reject a bad record on its own line. So this finds only where a record ends
 * (a line break outside a quoted field), keeps at most {@link RowReader#MAX_RECORD_CHARS} of it, and names
 * what would make it unreadable; the cells are Commons CSV's to read.
 */
final class CsvRecordSplitter {
    /** One record's text without its line break, the line it starts on, and why it cannot be read, if it cannot. */
    record RawRecord(long line, String text, Optional<String> problem) {
    }

    private final LineCountingReader in;
    private final StringBuilder text = new StringBuilder(256);
    private int chars;
    private boolean replaced;

    CsvRecordSplitter(LineCountingReader in) {
        this.in = in;
    }

    /** The next record, or null at the end of the input. A record that breaks the rules is still read to its end. */
    RawRecord next() throws IOException {
        if (in.peek() == -1) {
            return null;
        }
        long start = in.line();
        text.setLength(0);
        chars = 0;
        replaced = false;
        String problem = null;
        int field = 1;
        boolean fieldStart = true;
        boolean quoted = false;
        boolean closed = false; // just after the quote that ends a quoted field (or starts a doubled one)
        while (true) {
            int c = in.next();
            if (c == -1) {
                if (quoted) {
                    return new RawRecord(start, text.toString(), Optional.of("a quoted field is not closed before the end of the input"));
                }
                break;
            }
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                    closed = true;
                }
                keep(c);
                continue;
            }
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                if (in.peek() == '\n') {
                    in.next();
                }
                break;
            }
            if (c == '"' && (fieldStart || closed)) {
                quoted = true;
            } else if (c == ',') {
                field++;
            } else if (closed) {
                problem = problem != null ? problem : "text after a closing quote in field " + field;
            } else if (c == '"') {
                problem = problem != null ? problem : "a quote inside the unquoted field " + field + " (quote the field and double the quote)";
            }
            fieldStart = c == ',';
            closed = false;
            keep(c);
        }
        if (chars > MAX_RECORD_CHARS) {
            problem = TOO_LONG;
        } else if (problem == null && replaced) {
            problem = NOT_UTF8;
        }
        return new RawRecord(start, text.toString(), Optional.ofNullable(problem));
    }

    private void keep(int c) {
        replaced |= c == REPLACEMENT;
        if (++chars <= MAX_RECORD_CHARS) {
            text.append((char) c);
        }
    }
}
