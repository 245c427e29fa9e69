package io.jamesbounce.core.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** An ordered, case-insensitive header block. Values are unfolded. */
public final class Headers {
    /**
     * One header field: the name as written and the unfolded, trimmed value. The folded form is not
     * kept: nothing read it, and it was a second copy of every field of every message.
     */
    public record Field(String name, String value) {
    }

    private final List<Field> fields;

    public Headers(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    public static Headers empty() {
        return new Headers(List.of());
    }

    public List<Field> fields() {
        return fields;
    }

    public Optional<String> first(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    public String firstOrEmpty(String name) {
        return first(name).orElse("");
    }

    public List<String> all(String name) {
        List<String> values = new ArrayList<>(1);
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                values.add(f.value());
            }
        }
        return values;
    }

    public boolean has(String name) {
        return first(name).isPresent();
    }

    /** Fields whose name starts with the prefix, case-insensitively (e.g. every X- header). */
    public List<Field> withPrefix(String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        return fields.stream().filter(f -> f.name().toLowerCase(Locale.ROOT).startsWith(p)).toList();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** Parses a header block from text (used for text/rfc822-headers and inline copies of a message). */
    public static Headers parse(CharSequence text) {
        return parseBlock(text).headers();
    }

    /** A header block read from the start of a text, and where in the text the reading stopped. */
    public record Block(Headers headers, int end) {
    }

    /**
     * A text that is a header and nothing else (a text/rfc822-headers part, the message a bounce
     * returns): a line that is no field, after a field, continues that field rather than ending the
     * header, as an unindented line of a long Received or DKIM-Signature field does. The blank line
     * still ends it.
     */
    public static Headers parseWhole(CharSequence text) {
        return parseBlock(text, true).headers();
    }

    /** As {@link #parse}, saying also where the block ended: the line that closed it, or the end of the text. */
    public static Block parseBlock(CharSequence text) {
        return parseBlock(text, false);
    }

    private static Block parseBlock(CharSequence text, boolean continueBrokenLines) {
        List<Field> out = new ArrayList<>();
        String name = null;
        StringBuilder raw = null;
        int len = text.length();
        int i = 0;
        int stop = len;
        while (i < len) {
            int lineStart = i;
            int eol = i;
            while (eol < len && text.charAt(eol) != '\n') {
                eol++;
            }
            int end = eol > i && text.charAt(eol - 1) == '\r' ? eol - 1 : eol;
            String line = text.subSequence(i, end).toString();
            i = eol + 1;
            if (line.isEmpty()) {
                if (name != null || !out.isEmpty()) {
                    stop = lineStart;
                    break;
                }
                continue;
            }
            char c = line.charAt(0);
            if ((c == ' ' || c == '\t') && name != null) {
                raw.append("\r\n").append(line);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isFieldName(line, colon)) {
                if (name != null && continueBrokenLines) {
                    raw.append("\r\n ").append(line);
                    continue;
                }
                if (name != null) {
                    stop = lineStart;
                    break;
                }
                continue;
            }
            if (name != null) {
                out.add(field(name, raw.toString()));
            }
            name = line.substring(0, colon).trim();
            raw = new StringBuilder(line.substring(colon + 1));
        }
        if (name != null) {
            out.add(field(name, raw.toString()));
        }
        return new Block(new Headers(out), stop);
    }

    static Field field(String name, String raw) {
        return new Field(name, unfold(raw));
    }

    private static boolean isFieldName(String line, int colon) {
        for (int k = 0; k < colon; k++) {
            char ch = line.charAt(k);
            if (ch <= 32 || ch >= 127) {
                // "Name : value" occurs in the wild; tolerate trailing blanks before the colon only
                return line.substring(k, colon).isBlank() && k > 0;
            }
        }
        return true;
    }

    /** RFC 5322 unfolding: CRLF followed by white space becomes that white space; the value is trimmed. */
    public static String unfold(String raw) {
        if (raw.indexOf('\r') < 0 && raw.indexOf('\n') < 0) {
            return raw.trim();
        }
        // the text between line breaks appended in runs: a signature header folds over many lines
        StringBuilder sb = new StringBuilder(raw.length());
        int run = 0;
        for (int k = 0; k < raw.length(); k++) {
            char ch = raw.charAt(k);
            if (ch == '\r' || ch == '\n') {
                sb.append(raw, run, k);
                run = k + 1;
            }
        }
        return sb.append(raw, run, raw.length()).toString().trim();
    }
}
