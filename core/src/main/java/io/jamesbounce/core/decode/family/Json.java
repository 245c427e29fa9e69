package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small, lenient JSON reader for the notifications some sending services mail (Amazon SES via
 * SNS). Objects become maps, arrays lists, strings strings; numbers, booleans and null are kept as
 * their text. It reads iteratively over one string (no regex) and gives up with empty on bad input.
 */
final class Json {
    private static final int MAX_DEPTH = 64;

    private final String s;
    private int pos;
    private int depth;

    private Json(String s) {
        this.s = s;
    }

    static Optional<Object> parse(String text) {
        Json p = new Json(text);
        try {
            p.skipSpace();
            Object v = p.value();
            return Optional.of(v);
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** The member {@code key} of an object value, if the value is an object that has it. */
    static Optional<Object> member(Object value, String key) {
        if (value instanceof Map<?, ?> m) {
            return Optional.ofNullable(m.get(key));
        }
        return Optional.empty();
    }

    static Optional<String> string(Object value, String key) {
        return member(value, key).filter(String.class::isInstance).map(String.class::cast);
    }

    static List<?> array(Object value, String key) {
        return member(value, key).filter(List.class::isInstance).map(l -> (List<?>) l).orElse(List.of());
    }

    private Object value() {
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            default:
                return literal();
        }
    }

    private Map<String, Object> object() {
        enter();
        pos++;
        Map<String, Object> out = new LinkedHashMap<>();
        skipSpace();
        if (s.charAt(pos) == '}') {
            pos++;
            depth--;
            return Collections.unmodifiableMap(out);
        }
        while (true) {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            out.put(key, value());
            skipSpace();
            char c = s.charAt(pos++);
            if (c == '}') {
                depth--;
                return Collections.unmodifiableMap(out);
            }
            if (c != ',') {
                throw new IllegalStateException("expected , or } at " + pos);
            }
        }
    }

    private List<Object> array() {
        enter();
        pos++;
        List<Object> out = new ArrayList<>();
        skipSpace();
        if (s.charAt(pos) == ']') {
            pos++;
            depth--;
            return Collections.unmodifiableList(out);
        }
        while (true) {
            skipSpace();
            out.add(value());
            skipSpace();
            char c = s.charAt(pos++);
            if (c == ']') {
                depth--;
                return Collections.unmodifiableList(out);
            }
            if (c != ',') {
                throw new IllegalStateException("expected , or ] at " + pos);
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> sb.append(e);
                }
            } else if (c != '\r' && c != '\n') {
                // Mail transport may have broken a long line inside a string: drop the break.
                sb.append(c);
            }
        }
    }

    private String literal() {
        int start = pos;
        while (pos < s.length() && ",}] \t\r\n".indexOf(s.charAt(pos)) < 0) {
            pos++;
        }
        if (pos == start) {
            throw new IllegalStateException("value expected at " + pos);
        }
        return s.substring(start, pos);
    }

    private void expect(char c) {
        if (s.charAt(pos) != c) {
            throw new IllegalStateException("expected " + c + " at " + pos);
        }
        pos++;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new IllegalStateException("nested too deeply");
        }
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }
}
