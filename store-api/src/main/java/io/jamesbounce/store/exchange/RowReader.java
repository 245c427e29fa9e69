package io.jamesbounce.store.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The rows of a suppression list, in order, one record in memory at a time. {@link #hasNext()} and
 * {@link #next()} throw {@link UncheckedIOException} on a read failure.
 */
public abstract sealed class RowReader implements Iterator<ImportRow> permits CsvRowReader, JsonlRowReader {
    /** A record longer than this is rejected unread (the longest legitimate one is a 100,000-character diagnostic). */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    static final char REPLACEMENT = '\uFFFD';
    static final String NOT_UTF8 = "not valid UTF-8 (bytes replaced by U+FFFD)";
    static final String TOO_LONG = "record longer than " + MAX_RECORD_CHARS + " characters";

    final LineCountingReader in;
    private ImportRow pending;
    private boolean done;

    RowReader(LineCountingReader in) {
        this.in = in;
    }

    /** Reads the next record, or returns null at the end of the input. */
    abstract ImportRow read() throws IOException;

    @Override
    public final boolean hasNext() {
        if (pending == null && !done) {
            try {
                pending = read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            done = pending == null;
        }
        return pending != null;
    }

    @Override
    public final ImportRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ImportRow row = pending;
        pending = null;
        return row;
    }

    /** The line reached so far: where a read failure happened. */
    public final long line() {
        return in.line();
    }
}
