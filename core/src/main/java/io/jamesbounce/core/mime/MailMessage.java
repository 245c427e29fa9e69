package io.jamesbounce.core.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/** A message read by {@link MessageReader}: its entity tree and the views decoders need. */
public final class MailMessage {
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</p>|</div>|</tr>");

    private final MimePart root;
    private final List<MimePart> parts;
    private String noticeText;

    public MailMessage(MimePart root) {
        this.root = root;
        List<MimePart> all = new ArrayList<>();
        flatten(root, all);
        this.parts = List.copyOf(all);
    }

    private static void flatten(MimePart part, List<MimePart> into) {
        into.add(part);
        for (MimePart child : part.children()) {
            flatten(child, into);
        }
    }

    public MimePart root() {
        return root;
    }

    public Headers headers() {
        return root.headers();
    }

    /** Every entity, depth first, including those of attached messages. */
    public List<MimePart> parts() {
        return parts;
    }

    /** The first entity of the report itself (not of an attached message) of that MIME type. */
    public Optional<MimePart> reportPart(String mimeType) {
        return firstPart(p -> p.depth() == 0 && p.mimeType().equals(mimeType));
    }

    public Optional<MimePart> firstPart(Predicate<MimePart> condition) {
        for (MimePart p : parts) {
            if (condition.test(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The root entity of the first attached message (message/rfc822 or message/global). */
    public Optional<MimePart> attachedMessage() {
        return firstPart(p -> p.isAttachedMessage() && !p.children().isEmpty()).map(p -> p.children().get(0));
    }

    public String subject() {
        return decodeWords(headers().firstOrEmpty("Subject"));
    }

    public String from() {
        return decodeWords(headers().firstOrEmpty("From"));
    }

    /**
     * The human-readable text of the report: its first text/plain entity outside any attached
     * message, or its HTML reduced to text when that is all it has.
     */
    public String noticeText() {
        if (noticeText == null) {
            noticeText = firstPart(p -> p.depth() == 0 && p.mimeType().equals("text/plain") && !p.text().isBlank())
                .map(MimePart::text)
                .or(() -> firstPart(p -> p.depth() == 0 && p.mimeType().equals("text/html")).map(p -> htmlToText(p.text())))
                .orElse(root.isMultipart() && !root.children().isEmpty() ? "" : root.text());
        }
        return noticeText;
    }

    /** Every text entity of the report itself joined, for notices split over several parts. */
    public String allReportText() {
        StringBuilder sb = new StringBuilder();
        for (MimePart p : parts) {
            if (p.depth() == 0 && p.isText() && !p.text().isEmpty()) {
                sb.append(p.mimeType().equals("text/html") ? htmlToText(p.text()) : p.text()).append('\n');
            }
        }
        return sb.toString();
    }

    public static String htmlToText(String html) {
        String s = BREAK.matcher(html).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        return s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    public static String decodeWords(String value) {
        if (value.indexOf("=?") < 0) {
            return value;
        }
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return value;
        }
    }
}
