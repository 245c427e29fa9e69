package io.jamesbounce.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Quoted-printable decoding that gives, byte for byte, what mime4j's lenient decoder gives (its
 * {@code QuotedPrintableInputStream} with a silent monitor; {@code QuotedPrintableStreamTest} holds
 * the two together on random input), at a sixth of its cost: a run of ordinary bytes is copied in
 * one go, where mime4j keeps its books byte by byte (a 64 KB AOL notice: 34 µs against 220).
 *
 * <p>Being faithful means keeping mime4j's habits on broken input: blanks before a line break are
 * dropped, a bad {@code =XY} stays as written, {@code "= "} not at a line end stays as text, a hard
 * line break comes out as CRLF, and {@code "=="} followed by a line break (seen in the input buffer
 * at that moment: so the buffer is filled the way mime4j fills its own) makes that break soft.
 */
final class QuotedPrintableStream extends InputStream {
    /** What mime4j's buffer recycler hands its decoder whatever it asks for less: the size decides the "==" case above. */
    private static final int BUFFER = 4000;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte EQ = '=';
    /** Bytes that {@link Character#isWhitespace(int)} calls blank: the decoder holds them back until it knows the line goes on. */
    private static final boolean[] BLANK = new boolean[256];
    /** A hexadecimal digit's value, -1 for any other byte. */
    private static final int[] HEX = new int[256];
    private static final byte TEXT = 0;
    private static final byte HELD = 1;
    private static final byte SPECIAL = 2;
    /** What the copying loop does with each byte: copies it (text, or a blank that is not a line end) or stops. */
    private static final byte[] KIND = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            BLANK[b] = Character.isWhitespace(b);
            HEX[b] = Character.digit(b, 16) >= 0 && b < 128 ? Character.digit(b, 16) : -1;
            KIND[b] = b == CR || b == LF || b == EQ ? SPECIAL : BLANK[b] ? HELD : TEXT;
        }
    }

    private final InputStream in;
    private final byte[] encoded = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean lastWasCR;
    private byte[] blanks = new byte[16];
    private int blankCount;
    /** Decoded bytes that did not fit the caller's array: the next read starts with them. */
    private byte[] pending = new byte[16];
    private int pendingStart;
    private int pendingEnd;
    private final byte[] one = new byte[1];

    QuotedPrintableStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
        Sink sink = new Sink(out, off, off + len);
        if (pendingEnd > pendingStart) {
            int chunk = Math.min(pendingEnd - pendingStart, len);
            System.arraycopy(pending, pendingStart, out, off, chunk);
            pendingStart += chunk;
            sink.index += chunk;
        }
        boolean eof = false;
        while (sink.hasRoom()) {
            if (limit - pos < 3) {
                eof = fill() < 0;
            }
            if (limit == pos && eof) {
                return sink.index == off ? -1 : sink.index - off;
            }
            decodeBuffered(sink, eof);
        }
        return len;
    }

    /** Decodes what the buffer holds until the caller's array is full, the buffer is spent, or an '=' needs more input. */
    private void decodeBuffered(Sink sink, boolean eof) {
        while (pos < limit && sink.hasRoom()) {
            if (!lastWasCR && blankCount == 0 && decodeOrdinary(sink)) {
                continue;
            }
            int b = encoded[pos++] & 0xff;
            if (lastWasCR && b != LF) {
                emit(sink, CR, false);
            }
            lastWasCR = b == CR;
            if (b == CR) {
                continue;
            }
            if (b == LF) {
                if (blankCount == 0 || blanks[0] != EQ) {
                    emit(sink, CR, false);
                    emit(sink, LF, false);
                }
                blankCount = 0;
            } else if (b == EQ) {
                if (limit - pos < 2 && !eof) {
                    // wait for the two bytes after the '='
                    pos--;
                    return;
                }
                escape(sink);
            } else if (BLANK[b]) {
                holdBlank(b);
            } else {
                emit(sink, b, true);
            }
        }
    }

    /**
     * The common case decoded in one loop: text, blanks, {@code =XY}, soft and hard line breaks.
     * Text and blanks are copied in runs, the blanks taken back when a line break follows (mime4j
     * holds them back instead: the same bytes). Stops where the general path must decide (an
     * unusual sequence, the end of the buffer or of the caller's array), handing it the blanks it
     * has not settled; false when it decoded nothing.
     */
    private boolean decodeOrdinary(Sink sink) {
        byte[] out = sink.out;
        int index = sink.index;
        int to = sink.to;
        int p = pos;
        // where what was copied stops being followed by blanks only
        int settled = index;
        while (p < limit && index < to) {
            int c = encoded[p] & 0xff;
            if (KIND[c] != SPECIAL) {
                // text and blanks up to the next line break or '=', in one copy
                int end = p + Math.min(limit - p, to - index);
                int run = p + 1;
                while (run < end && KIND[encoded[run] & 0xff] != SPECIAL) {
                    run++;
                }
                int from = index;
                System.arraycopy(encoded, p, out, index, run - p);
                index += run - p;
                p = run;
                int text = index;
                while (text > from && KIND[out[text - 1] & 0xff] == HELD) {
                    text--;
                }
                settled = text > from ? text : settled;
            } else if (c == LF || (c == CR && p + 1 < limit && encoded[p + 1] == LF)) {
                if (to - settled < 2) {
                    break;
                }
                index = settled;
                out[index++] = CR;
                out[index++] = LF;
                settled = index;
                p += c == LF ? 1 : 2;
            } else if (c == EQ && p + 2 < limit) {
                int b2 = encoded[p + 1] & 0xff;
                int b3 = encoded[p + 2] & 0xff;
                if (b2 == LF) {
                    p += 2;
                } else if (b2 == CR && b3 == LF) {
                    p += 3;
                } else if (HEX[b2] >= 0 && HEX[b3] >= 0) {
                    out[index++] = (byte) (HEX[b2] << 4 | HEX[b3]);
                    p += 3;
                } else {
                    break;
                }
                // the blanks before an '=' stay, whatever follows it
                settled = index;
            } else {
                break;
            }
        }
        // blanks not yet settled go back to the general path, which holds them
        p -= index - settled;
        index = settled;
        boolean progressed = p > pos;
        sink.index = index;
        pos = p;
        return progressed;
    }

    /** What follows an '=': a soft line break, an encoded byte, or text left as it was written. */
    private void escape(Sink sink) {
        int b2 = next();
        if (b2 == EQ) {
            emit(sink, b2, true);
            int after = peek(0);
            if (after == LF || (after == CR && peek(1) == LF)) {
                holdBlank(b2);
            }
        } else if (b2 >= 0 && BLANK[b2]) {
            // a soft line break ("=" CRLF, or "=" and blanks): the '=' is held as a blank so the break is dropped
            emit(sink, -1, true);
            if (b2 != LF) {
                holdBlank(EQ);
                holdBlank(b2);
            }
        } else {
            int b3 = next();
            int high = b2 < 0 ? -1 : HEX[b2];
            int low = b3 < 0 ? -1 : HEX[b3];
            if (high < 0 || low < 0) {
                emit(sink, EQ, true);
                emit(sink, b2, false);
                emit(sink, b3, false);
            } else {
                emit(sink, (high << 4) | low, true);
            }
        }
    }

    /**
     * One decoded byte ({@code -1}: none), after the held blanks when {@code withBlanks} (blanks that
     * a line break would have dropped); what does not fit waits in {@link #pending}.
     */
    private void emit(Sink sink, int b, boolean withBlanks) {
        if (withBlanks && blankCount > 0) {
            int chunk = Math.min(blankCount, sink.to - sink.index);
            System.arraycopy(blanks, 0, sink.out, sink.index, chunk);
            sink.index += chunk;
            for (int i = chunk; i < blankCount; i++) {
                keep(blanks[i]);
            }
            blankCount = 0;
        }
        if (b < 0) {
            return;
        }
        if (sink.hasRoom()) {
            sink.out[sink.index++] = (byte) b;
        } else {
            keep((byte) b);
        }
    }

    private void keep(byte b) {
        if (pendingStart == pendingEnd) {
            pendingStart = 0;
            pendingEnd = 0;
        }
        if (pendingEnd == pending.length) {
            pending = Arrays.copyOf(pending, pending.length * 2);
        }
        pending[pendingEnd++] = b;
    }

    private void holdBlank(int b) {
        if (blankCount == blanks.length) {
            blanks = Arrays.copyOf(blanks, blanks.length * 2);
        }
        blanks[blankCount++] = (byte) b;
    }

    private int fill() throws IOException {
        if (pos < limit) {
            System.arraycopy(encoded, pos, encoded, 0, limit - pos);
            limit -= pos;
        } else {
            limit = 0;
        }
        pos = 0;
        int n = in.read(encoded, limit, encoded.length - limit);
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    private int next() {
        return pos < limit ? encoded[pos++] & 0xff : -1;
    }

    private int peek(int ahead) {
        return pos + ahead < limit ? encoded[pos + ahead] & 0xff : -1;
    }

    /** The caller's array and how far it is filled. */
    private static final class Sink {
        final byte[] out;
        final int to;
        int index;

        Sink(byte[] out, int from, int to) {
            this.out = out;
            this.index = from;
            this.to = to;
        }

        boolean hasRoom() {
            return index < to;
        }
    }
}
