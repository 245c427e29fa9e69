package io.jamesbounce.cli;

/** Just enough JSON writing for one object per line. */
final class Json {
    private final StringBuilder sb = new StringBuilder(256);
    private boolean first = true;

    Json open() {
        sb.append('{');
        first = true;
        return this;
    }

    Json close() {
        sb.append('}');
        first = false;
        return this;
    }

    Json openArray(String name) {
        key(name);
        sb.append('[');
        first = true;
        return this;
    }

    Json closeArray() {
        sb.append(']');
        first = false;
        return this;
    }

    Json element() {
        if (!first) {
            sb.append(',');
        }
        first = true;
        return this;
    }

    Json field(String name, String value) {
        key(name);
        if (value == null) {
            sb.append("null");
        } else {
            string(value);
        }
        return this;
    }

    Json field(String name, Boolean value) {
        key(name);
        sb.append(value == null ? "null" : value.toString());
        return this;
    }

    private void key(String name) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        string(name);
        sb.append(':');
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
