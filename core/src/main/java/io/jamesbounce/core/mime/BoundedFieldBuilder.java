package io.jamesbounce.core.mime;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.io.MaxHeaderLengthLimitException;
import org.apache.james.mime4j.stream.DefaultFieldBuilder;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.RecycledByteArrayBuffer;

/**
 * mime4j's field builder, with four changes.
 *
 * <p>It hands on at most {@value #MAX_CONTENT_TYPE} characters of a Content-Type field: mime4j parses
 * the parameters of every entity's Content-Type, in time that grows with the square of their number
 * (found fuzzing: a 30 KB field of repeated {@code name*=} parameters took 60 to 160 ms). No real
 * Content-Type comes near the limit.
 *
 * <p>A header line that is no field (no colon, or a name with spaces) starts the body, as the reader
 * asks ({@code malformedHeaderStartsBody}); mime4j 0.8.11 then gives the line back to the stream but
 * not the line it had already read after it, to see whether the field went on. That line was in
 * neither the headers nor the body: a {@code To:} field after a broken line, or the blank line that
 * ends the header. mime4j reads every line of a header into one buffer, the one it hands to
 * {@link #append}; when a field is built, that buffer holds the line read past it, so the builder gives
 * back both. {@code MessageReaderRobustnessTest} pins the behaviour, should a later mime4j copy its lines.
 *
 * <p>A Content-Type or Content-Disposition parameter written on the next line without the blank that
 * folds it is taken as the field's parameter ({@link #withParameterOnNextLine}).
 *
 * <p>In the header of an attached message, a line that is no field continues the field before it
 * ({@link #startHeader}).
 */
final class BoundedFieldBuilder extends DefaultFieldBuilder {
    static final int MAX_CONTENT_TYPE = 4096;
    /** The name of a field that is the continuation of the field before it: no field is named so. */
    static final String CONTINUATION = "";
    /** The characters of an RFC 2045 token, a parameter's name: visible ASCII but the tspecials. */
    private static final boolean[] TOKEN = new boolean[128];

    static {
        String tspecials = "()<>@,;:\\\"/[]?=";
        for (char c = '!'; c <= '~'; c++) {
            TOKEN[c] = tspecials.indexOf(c) < 0;
        }
    }

    private final int maxFieldLength;
    /** mime4j's line buffer as last appended: once the field is read, it holds the next line. */
    private ByteArrayBuffer lineBuffer;
    /** The failed field's lines and the line read past them, for mime4j to read again as the body. */
    private RecycledByteArrayBuffer readAgain;
    private boolean continueBrokenLines;
    /** The entity's header has had a field: a line that is no field can continue it. */
    private boolean fieldInHeader;
    /** The last field took the line after it as a parameter: mime4j's next field is empty (kept across {@link #reset}). */
    private boolean tookNextLine;

    /** @param maxFieldLength the longest field read (folded lines included); a longer one is a MIME error */
    BoundedFieldBuilder(int maxFieldLength) {
        super(maxFieldLength);
        this.maxFieldLength = maxFieldLength;
    }

    /**
     * The reader starts an entity's header. In the header of an attached message ({@code continueBrokenLines}),
     * a line that is no field after at least one field continues the field before it, as
     * {@link #CONTINUATION}: there the header is all the reader keeps, and the fields after such a line
     * (an unindented {@code by ... with ESMTP} under a Received field, then Subject, To, Message-ID in
     * a Postfix notice of the corpus) name the message the bounce is about. Elsewhere the line starts
     * the body, as a MIME reader does.
     */
    void startHeader(boolean continueBrokenLines) {
        this.continueBrokenLines = continueBrokenLines;
        this.fieldInHeader = false;
    }

    @Override
    public void reset() {
        super.reset();
        lineBuffer = null;
        readAgain = null;
    }

    @Override
    public void append(ByteArrayBuffer line) throws MaxHeaderLengthLimitException {
        super.append(line);
        lineBuffer = line;
    }

    @Override
    public RawField build() throws MimeException {
        if (tookNextLine) {
            tookNextLine = false;
            if (super.getRaw().length() == 0) {
                // mime4j read one line past the emptied one and ended this field there, with nothing in it
                return null;
            }
        }
        RawField field;
        try {
            field = super.build();
        } catch (MimeException notAField) {
            if (continueBrokenLines && fieldInHeader) {
                return continuation(super.getRaw());
            }
            readAgain = withLineReadPast(super.getRaw());
            throw notAField;
        }
        if (field == null) {
            return null;
        }
        fieldInHeader = true;
        String name = field.getNameLowerCase();
        if (!name.equals("content-type") && !name.equals("content-disposition")) {
            return field;
        }
        field = withParameterOnNextLine(field);
        String body = field.getBody();
        return name.equals("content-type") && body != null && body.length() > MAX_CONTENT_TYPE
            ? new RawField(field.getName(), body.substring(0, MAX_CONTENT_TYPE)) : field;
    }

    /**
     * The field with the line after it when that line is one of its parameters written without the
     * leading blank that folds it ({@code boundary="..."} under {@code Content-Type: multipart/alternative;},
     * as notices of Apache James and Verizon in the corpus have it). Read as mime4j reads it, that line
     * is no field and starts the body: the multipart loses its boundary and its parts are read as one
     * text. Such a line has no colon, so it was never a field; taking it as the parameter it is, the
     * line is emptied in mime4j's buffer (see the class comment). mime4j then reads the line after it
     * and ends there a field with nothing in it, which {@link #build} answers with no field, as mime4j
     * allows: the line after is the first line of the next field.
     */
    private RawField withParameterOnNextLine(RawField field) {
        if (lineBuffer == null || !isParameter(lineBuffer)
            || maxFieldLength > 0 && super.getRaw().length() + lineBuffer.length() > maxFieldLength) {
            return field;
        }
        String parameter = Headers.unfold(Charsets.decodeUtf8OrLatin1(lineBuffer.buffer(), lineBuffer.length()));
        lineBuffer.clear();
        tookNextLine = true;
        String body = field.getBody() == null ? "" : field.getBody().strip();
        return new RawField(field.getName(), body + (body.endsWith(";") ? " " : "; ") + parameter);
    }

    /** A line that starts with a MIME parameter's name and its equals sign (RFC 2045 token, RFC 2231 star). */
    private static boolean isParameter(ByteArrayBuffer line) {
        int length = line.length();
        for (int i = 0; i < length; i++) {
            int c = line.byteAt(i) & 0xff;
            if (c == '=') {
                return i > 0;
            }
            if (c >= TOKEN.length || !TOKEN[c]) {
                return false;
            }
        }
        return false;
    }

    /** What mime4j gives back to the stream when a field fails: see the class comment. */
    @Override
    public RecycledByteArrayBuffer getRaw() {
        return readAgain != null ? readAgain : super.getRaw();
    }

    /** The line (and its folded lines), unfolded: a field body may hold no line break but a fold. */
    private static RawField continuation(RecycledByteArrayBuffer raw) {
        return new RawField(CONTINUATION, Headers.unfold(Charsets.decodeUtf8OrLatin1(raw.buffer(), raw.length())));
    }

    private RecycledByteArrayBuffer withLineReadPast(RecycledByteArrayBuffer field) {
        int past = lineBuffer == null ? 0 : lineBuffer.length();
        RecycledByteArrayBuffer both = new RecycledByteArrayBuffer(getBufferRecycler(), field.length() + past);
        both.append(field.buffer(), 0, field.length());
        if (past > 0) {
            both.append(lineBuffer.buffer(), 0, past);
        }
        return both;
    }
}
