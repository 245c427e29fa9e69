package io.jamesbounce.core.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Reads a message into a {@link MailMessage} in one streaming pass with bounded memory: only text
 * bodies are kept, each capped, and the number of entities is limited.
 */
public final class MessageReader {
    private final ReadLimits limits;
    private final MimeConfig config;

    public MessageReader(ReadLimits limits) {
        this.limits = limits;
        // lines of any length (real bounces have them); header fields and their number bounded: a
        // message over either is unparseable, never an out-of-memory error
        this.config = MimeConfig.custom()
            .setMaxLineLen(-1)
            .setMaxHeaderLen(limits.maxHeaderField())
            .setMaxHeaderCount(limits.maxHeaderFields())
            .setMaxContentLen(-1)
            .setMalformedHeaderStartsBody(true)
            .setStrictParsing(false)
            .build();
    }

    public MessageReader() {
        this(ReadLimits.DEFAULT);
    }

    public MailMessage read(byte[] message) throws ReportParseException {
        // the buffer no larger than the message: most are a few KB, and a 16 KB buffer is zeroed for each
        return read(new ByteArrayInputStream(message), message.length);
    }

    public MailMessage read(InputStream message) throws ReportParseException {
        return read(message, NormalizingInputStream.MAX_BUFFER);
    }

    private MailMessage read(InputStream message, int bufferSize) throws ReportParseException {
        NormalizingInputStream in = new NormalizingInputStream(message, limits.maxBytes(), bufferSize);
        try {
            MailMessage result = parse(in);
            if (in.exceeded()) {
                throw new LimitExceededException("message larger than " + limits.maxBytes() + " bytes");
            }
            return result;
        } catch (IOException e) {
            throw new ReportParseException("cannot read message: " + e.getMessage(), e);
        } catch (MimeException | RuntimeException e) {
            if (in.exceeded()) {
                throw new LimitExceededException("message larger than " + limits.maxBytes() + " bytes");
            }
            throw new ReportParseException("malformed MIME: " + e.getMessage(), e);
        }
    }

    private MailMessage parse(InputStream in) throws IOException, MimeException, LimitExceededException {
        BoundedFieldBuilder fieldBuilder = new BoundedFieldBuilder(limits.maxHeaderField());
        MimeTokenStream stream = new MimeTokenStream(config, null, fieldBuilder, null);
        stream.setRecursionMode(RecursionMode.M_RECURSE);
        stream.parse(in);
        Deque<Builder> stack = new ArrayDeque<>();
        Budget budget = new Budget(limits);
        MimePart root = null;
        int messages = 0;
        for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
            switch (state) {
                case T_START_MESSAGE -> {
                    budget.countPart();
                    // message/rfc822 inside message/rfc822 nests as deep as multiparts do: every level is one more
                    // stream wrapped around the input, and reading through thousands of them overflows the stack
                    if (stack.size() > limits.maxDepth()) {
                        throw new LimitExceededException("MIME entities nested deeper than " + limits.maxDepth());
                    }
                    // the header of an attached message is all that is kept of it: its broken lines continue it
                    fieldBuilder.startHeader(!stack.isEmpty());
                    stack.push(new Builder(Math.max(0, messages)));
                    messages++;
                }
                case T_START_BODYPART -> {
                    budget.countPart();
                    if (stack.size() > limits.maxDepth()) {
                        throw new LimitExceededException("MIME entities nested deeper than " + limits.maxDepth());
                    }
                    fieldBuilder.startHeader(false);
                    stack.push(new Builder(messages - 1));
                }
                case T_FIELD -> stack.peek().addField(stream.getField());
                case T_PREAMBLE -> stack.peek().preamble = budget.readText(stream.getInputStream(), Optional.empty(), stack.peek());
                case T_BODY -> {
                    Builder b = stack.peek();
                    BodyDescriptor bd = stream.getBodyDescriptor();
                    b.mimeType = bd.getMimeType().toLowerCase(Locale.ROOT);
                    b.charset = Optional.ofNullable(bd.getCharset()).filter(s -> !s.isBlank());
                    if (isTextual(b.mimeType) && (b.depth == 0 || isReportData(b.mimeType))) {
                        b.text = budget.readText(decoded(stream, bd), b.charset, b);
                    } else {
                        budget.skip(stream.getInputStream());
                    }
                }
                case T_START_MULTIPART -> {
                    Builder b = stack.peek();
                    BodyDescriptor bd = stream.getBodyDescriptor();
                    b.mimeType = bd.getMimeType().toLowerCase(Locale.ROOT);
                }
                case T_END_BODYPART -> {
                    MimePart part = stack.pop().build();
                    stack.peek().children.add(part);
                }
                case T_END_MESSAGE -> {
                    messages--;
                    Builder b = stack.pop();
                    if (b.mimeType == null) {
                        b.mimeType = "text/plain";
                    }
                    MimePart part = b.build();
                    if (stack.isEmpty()) {
                        root = part;
                    } else {
                        Builder holder = stack.peek();
                        holder.mimeType = holder.mimeType == null ? "message/rfc822" : holder.mimeType;
                        holder.children.add(part);
                    }
                }
                default -> {
                    // headers start/end, multipart end, epilogue: nothing to keep
                }
            }
        }
        while (root == null && !stack.isEmpty()) {
            // truncated input: close what is open
            MimePart part = stack.pop().build();
            if (stack.isEmpty()) {
                root = part;
            } else {
                stack.peek().children.add(part);
            }
        }
        if (root == null) {
            root = new MimePart(Headers.empty(), "text/plain", Optional.empty(), "", false, List.of(), 0);
        }
        return new MailMessage(root);
    }

    /**
     * Inside an attached message only what reports are made of is read: its headers always, and
     * report entities (delivery-status, headers) when the attachment is itself a report. The
     * original's own text and HTML are skipped undecoded: nothing is decided from them, and they are
     * often the largest part of a bounce.
     */
    private static boolean isReportData(String mimeType) {
        return mimeType.startsWith("message/") || mimeType.equals("text/rfc822-headers");
    }

    private static boolean isTextual(String mimeType) {
        return mimeType.startsWith("text/") || mimeType.startsWith("message/");
    }

    /**
     * The field as its bytes say, decoded as UTF-8 when valid, else Latin-1. The name, before the
     * first colon, and the value are decoded apart from mime4j's own copy of the bytes: a colon cannot
     * sit inside a UTF-8 sequence, so this is the whole field decoded and then split, without the
     * copies (an Office 365 notice has hundreds of fields).
     */
    private static Headers.Field toField(Field field) {
        ByteSequence raw = field.getRaw();
        if (raw != null) {
            int length = raw.length();
            byte[] bytes = raw instanceof ByteArrayBuffer buffer ? buffer.buffer() : raw.toByteArray();
            int colon = 0;
            while (colon < length && bytes[colon] != ':' && bytes[colon] >= 0) {
                colon++;
            }
            if (colon < length && bytes[colon] == ':') {
                String name = new String(bytes, 0, colon, StandardCharsets.ISO_8859_1).trim();
                return new Headers.Field(name, value(bytes, colon + 1, length));
            }
            String text = Charsets.decodeUtf8OrLatin1(bytes, length);
            int textColon = text.indexOf(':');
            if (textColon >= 0) {
                return Headers.field(text.substring(0, textColon).trim(), text.substring(textColon + 1));
            }
        }
        return Headers.field(field.getName(), field.getBody() == null ? "" : field.getBody());
    }

    /**
     * The unfolded, trimmed value of the bytes from {@code from} to {@code to}: decoded straight from
     * its trimmed bounds when it is not folded (one string, where decoding and trimming made two).
     * Bytes up to a blank are what trimming removes, decoded as UTF-8 or Latin-1 alike.
     */
    private static String value(byte[] bytes, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && (bytes[start] & 0xff) <= ' ') {
            start++;
        }
        while (end > start && (bytes[end - 1] & 0xff) <= ' ') {
            end--;
        }
        for (int i = start; i < end; i++) {
            if (bytes[i] == '\r' || bytes[i] == '\n') {
                return Headers.unfold(Charsets.decodeUtf8OrLatin1(bytes, from, to - from));
            }
        }
        return Charsets.decodeUtf8OrLatin1(bytes, start, end - start);
    }

    /** Mutable while the entity is being read; built into an immutable {@link MimePart} at its end. */
    private static final class Builder {
        final int depth;
        final List<Headers.Field> fields = new ArrayList<>();
        /** The last field's value and the lines that continue it, while they come. */
        private StringBuilder continued;
        final List<MimePart> children = new ArrayList<>();
        String mimeType;
        Optional<String> charset = Optional.empty();
        String text = "";
        String preamble = "";
        boolean truncated;

        Builder(int depth) {
            this.depth = depth;
        }

        void addField(Field field) {
            if (field.getName().equals(BoundedFieldBuilder.CONTINUATION) && !fields.isEmpty()) {
                if (continued == null) {
                    // one builder for a field's continued lines: appending to its value each time was quadratic
                    continued = new StringBuilder(fields.get(fields.size() - 1).value());
                }
                continued.append(' ').append(field.getBody());
                return;
            }
            endContinued();
            fields.add(toField(field));
        }

        private void endContinued() {
            if (continued != null) {
                int last = fields.size() - 1;
                fields.set(last, new Headers.Field(fields.get(last).name(), continued.toString()));
                continued = null;
            }
        }

        MimePart build() {
            String type = mimeType == null ? "text/plain" : mimeType;
            String body = text.isEmpty() && !preamble.isEmpty() && children.isEmpty() ? preamble : text;
            endContinued();
            return new MimePart(new Headers(fields), type, charset, body, truncated, children, depth);
        }
    }

    private static final class Budget {
        private final ReadLimits limits;
        private int parts;
        private int textLeft;
        /** Where skipped bytes go, one per message: {@code transferTo} allocated 16 KB for every part skipped. */
        private byte[] scratch;

        Budget(ReadLimits limits) {
            this.limits = limits;
            this.textLeft = limits.maxTextTotal();
        }

        void countPart() throws LimitExceededException {
            if (++parts > limits.maxParts()) {
                throw new LimitExceededException("message has more than " + limits.maxParts() + " MIME parts");
            }
        }

        String readText(InputStream in, Optional<String> charset, Builder owner) throws IOException {
            int cap = Math.min(limits.maxTextPerPart(), textLeft);
            // Grown by doubling from a small start: most parts are a few hundred bytes, and
            // readNBytes would allocate and zero 16 KB chunks for each of them.
            byte[] buf = new byte[Math.min(cap, 2048)];
            int length = 0;
            while (length < cap) {
                if (length == buf.length) {
                    buf = Arrays.copyOf(buf, Math.min(cap, buf.length * 2));
                }
                int n = in.read(buf, length, buf.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
            if (length == cap && in.read() >= 0) {
                owner.truncated = true;
                skip(in);
            }
            textLeft -= length;
            return Charsets.decode(buf, length, charset);
        }

        /** Reads {@code in} to its end, keeping nothing. */
        void skip(InputStream in) throws IOException {
            if (scratch == null) {
                scratch = new byte[4096];
            }
            while (in.read(scratch, 0, scratch.length) >= 0) {
                // discarded
            }
        }
    }

    /** The body without its transfer encoding; quoted-printable by our own decoder, which gives mime4j's bytes faster. */
    private static InputStream decoded(MimeTokenStream stream, BodyDescriptor body) {
        return MimeUtil.isQuotedPrintableEncoded(body.getTransferEncoding())
            ? new QuotedPrintableStream(stream.getInputStream())
            : stream.getDecodedInputStream();
    }
}
