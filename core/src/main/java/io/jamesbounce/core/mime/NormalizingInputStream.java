package io.jamesbounce.core.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Makes any mailbox file readable by a MIME parser: a lone CR (old Mac files) becomes LF, a leading
 * mbox "From " line is skipped, and the byte count is enforced (reading stops, {@link #exceeded()} tells).
 */
final class NormalizingInputStream extends InputStream {
    static final int MAX_BUFFER = 16 * 1024;
    static final int MIN_BUFFER = 64;
    private static final byte[] MBOX_FROM = {'F', 'r', 'o', 'm', ' '};

    private final InputStream in;
    private final long maxBytes;
    private final byte[] buf;
    private int pos;
    private int limit;
    private long consumed;
    private boolean exceeded;
    private boolean eof;
    private boolean started;

    NormalizingInputStream(InputStream in, long maxBytes) {
        this(in, maxBytes, MAX_BUFFER);
    }

    /**
     * @param bufferSize bytes read from {@code in} at a time (64 at least, so that the first read holds a
     *                   "From " line's start): a message known to be small needs no 16 KB buffer
     */
    NormalizingInputStream(InputStream in, long maxBytes, int bufferSize) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.buf = new byte[Math.clamp(bufferSize, MIN_BUFFER, MAX_BUFFER)];
    }

    boolean exceeded() {
        return exceeded;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos < limit) {
            return true;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        consumed += n;
        if (consumed > maxBytes) {
            exceeded = true;
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** Peeks at the next raw byte without consuming it; -1 at end. */
    private int peek() throws IOException {
        return fill() ? buf[pos] & 0xff : -1;
    }

    private int raw() throws IOException {
        return fill() ? buf[pos++] & 0xff : -1;
    }

    private void start() throws IOException {
        started = true;
        // the first buffer fill holds at least the first line's start in practice; compare what we have
        if (!fill() || limit - pos < MBOX_FROM.length) {
            return;
        }
        for (int i = 0; i < MBOX_FROM.length; i++) {
            if (buf[pos + i] != MBOX_FROM[i]) {
                return;
            }
        }
        int c;
        do {
            c = raw();
        } while (c >= 0 && c != '\n' && c != '\r');
        if (c == '\r' && peek() == '\n') {
            raw();
        }
    }

    @Override
    public int read() throws IOException {
        if (!started) {
            start();
        }
        int c = raw();
        if (c == '\r' && peek() != '\n') {
            return '\n';
        }
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!started) {
            start();
        }
        int n = 0;
        while (n < len && fill()) {
            int end = pos + Math.min(limit - pos, len - n);
            while (pos < end) {
                // the bytes up to the next CR as they are, in one copy
                int run = pos;
                while (run < end && buf[run] != '\r') {
                    run++;
                }
                System.arraycopy(buf, pos, b, off + n, run - pos);
                n += run - pos;
                pos = run;
                if (pos == end) {
                    break;
                }
                pos++;
                // a CR: kept before an LF, else an LF itself (the next byte may be in the next buffer)
                boolean refilled = pos == limit;
                b[off + n++] = (refilled ? peek() != '\n' : buf[pos] != '\n') ? (byte) '\n' : (byte) '\r';
                if (refilled) {
                    break;
                }
            }
        }
        return n == 0 ? -1 : n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
