package io.jamesbounce.store.exchange;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/** Characters one at a time, with the line they are on: what rejected rows are numbered by. */
final class LineCountingReader {
    private final Reader in;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long line = 1;

    LineCountingReader(Reader in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /** The next character, -1 at the end; lines are counted at each LF, and at a CR not followed by LF. */
    int next() throws IOException {
        int c = peek();
        if (c < 0) {
            return -1;
        }
        position++;
        if (c == '\n' || c == '\r' && peek() != '\n') {
            line++;
        }
        return c;
    }

    int peek() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position];
    }

    long line() {
        return line;
    }

    void skipByteOrderMark() throws IOException {
        if (peek() == '\uFEFF') {
            next();
        }
    }
}
