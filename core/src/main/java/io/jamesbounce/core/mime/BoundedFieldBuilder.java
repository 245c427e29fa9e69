package io.jamesbounce.core.mime;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.io.MaxHeaderLengthLimitException;
import org.apache.james.mime4j.stream.DefaultFieldBuilder;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.RecycledByteArrayBuffer;

/**
 * mime4j's field builder, with two changes.
 *
 * <p>It hands on at most {@value #MAX_CONTENT_TYPE} characters of a Content-Type field: mime4j parses
 * the parameters of every entity's Content-Type, in time that grows with the square of their number
 * (found fuzzing: a 30 KB field of repeated {@code name*=} parameters took 60 to 160 ms). No real
 * Content-Type comes near the limit; every other field is passed as it is.
 *
 * <p>A header line that is no field (no colon, or a name with spaces) starts the body, as the reader
 * asks ({@code malformedHeaderStartsBody}); mime4j 0.8.11 then gives the line back to the stream but
 * not the line it had already read after it, to see whether the field went on. That line was in
 * neither the headers nor the body: a {@code To:} field after a broken line, or the blank line that
 * ends the header. mime4j reads every line of a header into one buffer, the one it hands to
 * {@link #append}; when a field fails, that buffer holds the line read past it, so the builder gives
 * back both. {@code MessageReaderTest} pins the behaviour, should a later mime4j copy its lines.
 */
final class BoundedFieldBuilder extends DefaultFieldBuilder {
    static final int MAX_CONTENT_TYPE = 4096;

    /** mime4j's line buffer as last appended: once the field is read, it holds the next line. */
    private ByteArrayBuffer lineBuffer;
    /** The failed field's lines and the line read past them, for mime4j to read again as the body. */
    private RecycledByteArrayBuffer readAgain;

    /** @param maxFieldLength the longest field read (folded lines included); a longer one is a MIME error */
    BoundedFieldBuilder(int maxFieldLength) {
        super(maxFieldLength);
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
        RawField field;
        try {
            field = super.build();
        } catch (MimeException notAField) {
            readAgain = withLineReadPast(super.getRaw());
            throw notAField;
        }
        if (field == null || !"content-type".equals(field.getNameLowerCase())) {
            return field;
        }
        String body = field.getBody();
        return body != null && body.length() > MAX_CONTENT_TYPE ? new RawField(field.getName(), body.substring(0, MAX_CONTENT_TYPE)) : field;
    }

    /** What mime4j gives back to the stream when a field fails: see the class comment. */
    @Override
    public RecycledByteArrayBuffer getRaw() {
        return readAgain != null ? readAgain : super.getRaw();
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
