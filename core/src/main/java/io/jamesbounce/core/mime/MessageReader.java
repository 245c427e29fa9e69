package io.jamesbounce.core.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
        return read(new ByteArrayInputStream(message));
    }

    public MailMessage read(InputStream message) throws ReportParseException {
        NormalizingInputStream in = new NormalizingInputStream(message, limits.maxBytes());
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
        MimeTokenStream stream = new MimeTokenStream(config, null, new BoundedFieldBuilder(limits.maxHeaderField()), null);
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
                    stack.push(new Builder(Math.max(0, messages)));
                    messages++;
                }
                case T_START_BODYPART -> {
                    budget.countPart();
                    if (stack.size() > limits.maxDepth()) {
                        throw new LimitExceededException("MIME entities nested deeper than " + limits.maxDepth());
                    }
                    stack.push(new Builder(messages - 1));
                }
                case T_FIELD -> stack.peek().fields.add(toField(stream.getField()));
                case T_PREAMBLE -> stack.peek().preamble = budget.readText(stream.getInputStream(), Optional.empty(), stack.peek());
                case T_BODY -> {
                    Builder b = stack.peek();
                    BodyDescriptor bd = stream.getBodyDescriptor();
                    b.mimeType = bd.getMimeType().toLowerCase(Locale.ROOT);
                    b.charset = Optional.ofNullable(bd.getCharset()).filter(s -> !s.isBlank());
                    if (isTextual(b.mimeType) && (b.depth == 0 || isReportData(b.mimeType))) {
                        b.text = budget.readText(decoded(stream, bd), b.charset, b);
                    } else {
                        stream.getInputStream().transferTo(OutputSink.INSTANCE);
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

    private static Headers.Field toField(Field field) {
        ByteSequence raw = field.getRaw();
        String text;
        if (raw != null) {
            byte[] bytes = raw.toByteArray();
            text = Charsets.decodeUtf8OrLatin1(bytes, bytes.length);
            int colon = text.indexOf(':');
            if (colon >= 0) {
                return Headers.field(text.substring(0, colon).trim(), text.substring(colon + 1));
            }
        }
        return Headers.field(field.getName(), field.getBody() == null ? "" : field.getBody());
    }

    /** Mutable while the entity is being read; built into an immutable {@link MimePart} at its end. */
    private static final class Builder {
        final int depth;
        final List<Headers.Field> fields = new ArrayList<>();
        final List<MimePart> children = new ArrayList<>();
        String mimeType;
        Optional<String> charset = Optional.empty();
        String text = "";
        String preamble = "";
        boolean truncated;

        Builder(int depth) {
            this.depth = depth;
        }

        MimePart build() {
            String type = mimeType == null ? "text/plain" : mimeType;
            String body = text.isEmpty() && !preamble.isEmpty() && children.isEmpty() ? preamble : text;
            return new MimePart(new Headers(fields), type, charset, body, truncated, children, depth);
        }
    }

    private static final class Budget {
        private final ReadLimits limits;
        private int parts;
        private int textLeft;

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
                in.transferTo(OutputSink.INSTANCE);
            }
            textLeft -= length;
            return Charsets.decode(buf, length, charset);
        }
    }

    /** The body without its transfer encoding; quoted-printable by our own decoder, which gives mime4j's bytes faster. */
    private static InputStream decoded(MimeTokenStream stream, BodyDescriptor body) {
        return MimeUtil.isQuotedPrintableEncoded(body.getTransferEncoding())
            ? new QuotedPrintableStream(stream.getInputStream())
            : stream.getDecodedInputStream();
    }

    private static final class OutputSink extends OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
