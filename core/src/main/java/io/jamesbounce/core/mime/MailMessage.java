package io.jamesbounce.core.mime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/** A message read by {@link MessageReader}: its entity tree and the views decoders need. */
public final class MailMessage {
    private static final int MAX_ENCODED_HEADER = 1024;

    private final MimePart root;
    private String subject;
    private String from;
    private final List<MimePart> parts;
    private String noticeText;
    private String allReportText;
    // what the readers derive from the message and ask for again and again, computed once (one thread reads a message)
    private final Map<Derived<?>, Object> derived = new HashMap<>();

    /**
     * A view of a message that the code reading it derives (its notice's lead, say): computed the first
     * time it is asked for, then kept with the message. Keys are compared by identity: one constant each.
     */
    public static final class Derived<T> {
        private final Function<MailMessage, T> compute;

        public Derived(Function<MailMessage, T> compute) {
            this.compute = Objects.requireNonNull(compute, "compute");
        }
    }

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

    /** The derived view, computed once per message. */
    @SuppressWarnings("unchecked")
    public <T> T derived(Derived<T> view) {
        Object value = derived.get(view);
        if (value == null) {
            value = view.compute.apply(this);
            derived.put(view, value);
        }
        return (T) value;
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

    /** Decoded once: every decoder asks. */
    public String subject() {
        if (subject == null) {
            subject = decodeWords(headers().firstOrEmpty("Subject"));
        }
        return subject;
    }

    public String from() {
        if (from == null) {
            from = decodeWords(headers().firstOrEmpty("From"));
        }
        return from;
    }

    /**
     * The human-readable text of the report, the one way every decoder reads it: its first
     * text/plain entity outside any attached message, or its HTML reduced to text when that is all
     * it has; for a broken multipart that left no such entity, the body the reader kept as its
     * preamble, else every text entity of the report joined.
     */
    public String noticeText() {
        if (noticeText == null) {
            noticeText = firstPart(p -> p.depth() == 0 && p.mimeType().equals("text/plain") && !p.text().isBlank())
                .map(MimePart::text)
                .or(() -> firstPart(p -> p.depth() == 0 && p.mimeType().equals("text/html")).map(p -> htmlToText(p.text())))
                .orElseGet(this::noticeOfBrokenStructure);
        }
        return noticeText;
    }

    private String noticeOfBrokenStructure() {
        if (!root.isMultipart() || root.children().isEmpty()) {
            return root.text();
        }
        return root.text().isBlank() ? allReportText() : root.text();
    }

    /** Every text entity of the report itself joined, for notices split over several parts. */
    public String allReportText() {
        if (allReportText == null) {
            StringBuilder sb = new StringBuilder();
            for (MimePart p : parts) {
                if (p.depth() == 0 && p.isText() && !p.text().isEmpty()) {
                    sb.append(p.mimeType().equals("text/html") ? htmlToText(p.text()) : p.text()).append('\n');
                }
            }
            allReportText = sb.toString();
        }
        return allReportText;
    }

    /**
     * HTML reduced to text: line breaks ({@code <br>}, {@code </p>}, {@code </div>}, {@code </tr>})
     * become newlines, other tags go, the five common entities are decoded. Hand-written rather than
     * regexes: linear in the text whatever it holds (a regex for tags is quadratic on unclosed ones).
     */
    public static String htmlToText(String html) {
        String s = html.indexOf('<') < 0 ? html : withoutTags(withBreaks(html));
        return withEntitiesDecoded(s);
    }

    private static final String[] ENTITIES = {"&nbsp;", "&lt;", "&gt;", "&quot;", "&amp;"};
    private static final char[] ENTITY_CHARS = {' ', '<', '>', '"', '&'};

    /**
     * The five entities decoded in one pass, each where it stands: "&amp;lt;" stays "&lt;" (no entity
     * holds another or a '&' after its first character, so no decoded character starts a new one).
     */
    static String withEntitiesDecoded(String s) {
        int amp = s.indexOf('&');
        if (amp < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int copied = 0;
        for (int i = amp; i >= 0; i = s.indexOf('&', i + 1)) {
            for (int e = 0; e < ENTITIES.length; e++) {
                if (s.startsWith(ENTITIES[e], i)) {
                    sb.append(s, copied, i).append(ENTITY_CHARS[e]);
                    copied = i + ENTITIES[e].length();
                    i = copied - 1;
                    break;
                }
            }
        }
        return sb.append(s, copied, s.length()).toString();
    }

    /** Each {@code <br>}, {@code <br/>}, {@code <br />}, {@code </p>}, {@code </div>}, {@code </tr>} (any case) as a newline. */
    private static String withBreaks(String html) {
        int n = html.length();
        StringBuilder sb = null;
        int copied = 0;
        for (int i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
            int end = breakEnd(html, i, n);
            if (end < 0) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(n);
            }
            sb.append(html, copied, i).append('\n');
            copied = end;
            i = end - 1;
        }
        return sb == null ? html : sb.append(html, copied, n).toString();
    }

    /** Where a line-break tag that starts at {@code lt} ends (exclusive), or -1 when none starts there. */
    private static int breakEnd(String s, int lt, int n) {
        if (startsWithAsciiIgnoreCase(s, lt, "<br")) {
            int k = lt + 3;
            while (k < n && isRegexSpace(s.charAt(k))) {
                k++;
            }
            if (k < n && s.charAt(k) == '/') {
                k++;
            }
            return k < n && s.charAt(k) == '>' ? k + 1 : -1;
        }
        for (String closing : new String[] {"</p>", "</div>", "</tr>"}) {
            if (startsWithAsciiIgnoreCase(s, lt, closing)) {
                return lt + closing.length();
            }
        }
        return -1;
    }

    /** Whether {@code s} holds {@code lower} at {@code at}, ASCII letters in any case (as a regex's (?i) compares). */
    private static boolean startsWithAsciiIgnoreCase(String s, int at, String lower) {
        if (at + lower.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            char c = s.charAt(at + k);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The characters {@code \\s} matches in a regex without UNICODE_CHARACTER_CLASS. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /**
     * The text without its tags: from each '<' to the next '>'; a '<' that no '>' follows is kept with
     * the rest. The content of a {@code <style>} or {@code <script>} element goes with its tags: it is no
     * text a reader sees (a provider's notice can carry 10 KB of style sheet before its first word).
     */
    private static String withoutTags(String s) {
        int n = s.length();
        StringBuilder sb = new StringBuilder(n);
        int copied = 0;
        // once an element's closing tag is not found, no later one is looked for: linear in the text
        boolean styleCloses = true;
        boolean scriptCloses = true;
        int lt = s.indexOf('<');
        while (lt >= 0) {
            int gt = s.indexOf('>', lt + 1);
            if (gt < 0) {
                break;
            }
            sb.append(s, copied, lt);
            copied = gt + 1;
            String closing = styleCloses && opens(s, lt, "<style") ? "</style" : scriptCloses && opens(s, lt, "<script") ? "</script" : null;
            if (closing != null) {
                int end = closingEnd(s, copied, closing);
                if (end >= 0) {
                    copied = end;
                } else if (closing.equals("</style")) {
                    styleCloses = false;
                } else {
                    scriptCloses = false;
                }
            }
            lt = s.indexOf('<', copied);
        }
        return sb.append(s, copied, n).toString();
    }

    /** Whether the tag at {@code lt} opens the element {@code open} ("<style"), not one whose name only starts so. */
    private static boolean opens(String s, int lt, String open) {
        int after = lt + open.length();
        return startsWithAsciiIgnoreCase(s, lt, open)
            && after < s.length() && (s.charAt(after) == '>' || s.charAt(after) == '/' || isRegexSpace(s.charAt(after)));
    }

    /** The end (exclusive) of the first {@code closing} tag ("</style", any case) from {@code from}, or -1. */
    private static int closingEnd(String s, int from, String closing) {
        for (int at = s.indexOf("</", from); at >= 0; at = s.indexOf("</", at + 2)) {
            if (startsWithAsciiIgnoreCase(s, at, closing)) {
                int gt = s.indexOf('>', at);
                return gt < 0 ? -1 : gt + 1;
            }
        }
        return -1;
    }

    public static String decodeWords(String value) {
        if (value.indexOf("=?") < 0) {
            return value;
        }
        try {
            // mime4j's decoder is quadratic on long runs of broken encoded words (a 32 KB subject took
            // a second, found fuzzing); no real header needs more than its first few kilobytes decoded.
            if (value.length() > MAX_ENCODED_HEADER) {
                String head = value.substring(0, MAX_ENCODED_HEADER);
                return EncodedWordCharsets.canonical(head).map(h -> DecoderUtil.decodeEncodedWords(h, DecodeMonitor.SILENT)).orElse(head)
                    + value.substring(MAX_ENCODED_HEADER);
            }
            return EncodedWordCharsets.canonical(value).map(v -> DecoderUtil.decodeEncodedWords(v, DecodeMonitor.SILENT)).orElse(value);
        } catch (RuntimeException e) {
            return value;
        }
    }
}
