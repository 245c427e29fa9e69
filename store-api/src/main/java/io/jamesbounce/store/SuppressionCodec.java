package io.jamesbounce.store;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.LocalPartMatching;

/**
 * The interchange forms of the suppression list, defined once for the command line and WebAdmin:
 * CSV (RFC 4180: a header line, CRLF, fields quoted when they hold a comma, a quote or a line break)
 * and JSONL (one JSON object per line). Both carry every field of a {@link Suppression}, so an
 * export imported into an empty store exports again byte for byte.
 *
 * <p>Columns and fields, in this order: {@link #COLUMNS}. An absent value is an empty unquoted CSV
 * field or a JSON {@code null}; an empty text is {@code ""} in both. Times are ISO-8601 instants
 * ({@code 2025-03-01T08:00:00Z}). {@code source} is the lower-case {@link EventSource} with hyphens.
 *
 * <p>Text is UTF-8. Decode input with replacement ({@code new InputStreamReader(in, UTF_8)}): a record
 * holding U+FFFD, the mark of bytes that were not UTF-8, is rejected on its own line instead of
 * failing the whole input at a decoder's read-ahead position.
 *
 * <p>Reading streams: one record in memory at a time, at most {@link #MAX_RECORD_CHARS} long. A bad
 * record is a {@link Rejected} row naming its line and the reason, never an exception and never
 * dropped; reading goes on with the next record. Only {@code address} and {@code category} are
 * required: lists from other systems may omit the rest ({@code source} then defaults to
 * {@code import}, {@code rule} to {@code import}, {@code suppressed_at} to the import time).
 */
public final class SuppressionCodec {
    public static final String ADDRESS = "address";
    public static final String CATEGORY = "category";
    public static final String SOURCE = "source";
    public static final String RULE = "rule";
    public static final String SUPPRESSED_AT = "suppressed_at";
    public static final String EXPIRES_AT = "expires_at";
    public static final String REPORT_KEY = "report_key";
    public static final String REPLY_CODE = "reply_code";
    public static final String STATUS = "status";
    public static final String DIAGNOSTIC = "diagnostic";
    public static final String REPORTING_MTA = "reporting_mta";
    public static final String ORIGINAL_MESSAGE_ID = "original_message_id";

    /** Every column, in the order they are written. */
    public static final List<String> COLUMNS = List.of(ADDRESS, CATEGORY, SOURCE, RULE, SUPPRESSED_AT, EXPIRES_AT,
        REPORT_KEY, REPLY_CODE, STATUS, DIAGNOSTIC, REPORTING_MTA, ORIGINAL_MESSAGE_ID);

    private static final char REPLACEMENT = '\uFFFD';
    private static final String NOT_UTF8 = "not valid UTF-8 (bytes replaced by U+FFFD)";

    /** A record longer than this is rejected unread (the longest legitimate one is a 100,000-character diagnostic). */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    /** The store's column widths: a longer value is rejected here rather than failing a whole batch in the database. */
    private static final Map<String, Integer> MAX_LENGTH = Map.of(ADDRESS, 512, RULE, 128, REPORT_KEY, 998,
        DIAGNOSTIC, 100_000, REPORTING_MTA, 1000, ORIGINAL_MESSAGE_ID, 998);

    public enum Format {
        CSV, JSONL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Format> of(String label) {
            return Arrays.stream(values()).filter(f -> f.label().equalsIgnoreCase(label)).findFirst();
        }
    }

    /** One record read: a valid entry or the reason it was not. */
    public sealed interface Row permits Accepted, Rejected {
        /** The line the record starts on (the CSV header is line 1). */
        long line();
    }

    public record Accepted(long line, Suppression suppression) implements Row {
        public Accepted {
            Objects.requireNonNull(suppression, "suppression");
        }
    }

    public record Rejected(long line, String reason) implements Row {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private SuppressionCodec() {
    }

    /** A writer that streams entries to {@code out}; the CSV header is written at once. Flushing is the caller's. */
    public static EntryWriter writer(Format format, Writer out) throws IOException {
        return format == Format.CSV ? new CsvWriter(out) : new JsonlWriter(out);
    }

    /**
     * A reader of entries; a CSV header is read and checked at once.
     *
     * @param matching   how addresses are keyed in the target store
     * @param importedAt {@code suppressed_at} of records that do not say
     * @throws IOException when the input cannot be read, or the CSV header is missing, repeats a column,
     *                     names an unknown one or lacks {@code address} or {@code category}
     */
    public static RowReader reader(Format format, Reader in, LocalPartMatching matching, Instant importedAt) throws IOException {
        Fields fields = new Fields(matching, importedAt);
        return format == Format.CSV ? new CsvReader(in, fields) : new JsonlReader(in, fields);
    }

    /** Writes one entry per call. */
    public interface EntryWriter {
        void write(Suppression suppression) throws IOException;
    }

    /** The rows of an input, in order. {@link #hasNext()} and {@link #next()} throw {@link UncheckedIOException} on a read failure. */
    public abstract static sealed class RowReader implements Iterator<Row> permits CsvReader, JsonlReader {
        private final Reader in;
        private final char[] buffer = new char[64 * 1024];
        private int position;
        private int limit;
        private long line = 1;
        private Row pending;
        private boolean done;

        RowReader(Reader in) {
            this.in = Objects.requireNonNull(in, "in");
        }

        /** Reads the next record, or returns null at the end of the input. */
        abstract Row read() throws IOException;

        @Override
        public final boolean hasNext() {
            if (pending == null && !done) {
                try {
                    pending = read();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                done = pending == null;
            }
            return pending != null;
        }

        @Override
        public final Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = pending;
            pending = null;
            return row;
        }

        /** The next character, -1 at the end; lines are counted at each LF, and at a CR not followed by LF. */
        final int nextChar() throws IOException {
            int c = peekChar();
            if (c < 0) {
                return -1;
            }
            position++;
            if (c == '\n' || c == '\r' && peekChar() != '\n') {
                line++;
            }
            return c;
        }

        final int peekChar() throws IOException {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[position];
        }

        /** The line reached so far: where a read failure happened. */
        public final long line() {
            return line;
        }

        final void skipByteOrderMark() throws IOException {
            if (peekChar() == '\uFEFF') {
                nextChar();
            }
        }
    }

    // ---- CSV

    /**
     * A cell a spreadsheet would take for a formula ({@code = + - @}, a tab or a carriage return
     * first) is written with a leading {@code '} (OWASP's advice against CSV injection: a diagnostic
     * from a forged DSN must not become {@code =HYPERLINK(...)}); so is a cell that already starts
     * with {@code '}, so that reading strips exactly one and a round trip is exact.
     */
    static String inertCell(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' || first == '\''
            ? "'" + value : value;
    }

    /**
     * What {@link #inertCell} wrote, as it was: a {@code '} is taken off only before a character a
     * spreadsheet would run (or before another {@code '}), so a hand-made file's {@code 'o'neil@...}
     * keeps its quote.
     */
    static String fromInertCell(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r'".indexOf(cell.charAt(1)) >= 0 ? cell.substring(1) : cell;
    }

    private static final class CsvWriter implements EntryWriter {
        private final Writer out;
        private final StringBuilder record = new StringBuilder(256);

        CsvWriter(Writer out) throws IOException {
            this.out = Objects.requireNonNull(out, "out");
            out.write(String.join(",", COLUMNS));
            out.write("\r\n");
        }

        @Override
        public void write(Suppression s) throws IOException {
            record.setLength(0);
            List<Optional<String>> values = values(s);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    record.append(',');
                }
                values.get(i).ifPresent(this::field);
            }
            record.append("\r\n");
            out.append(record);
        }

        private void field(String raw) {
            String value = inertCell(raw);
            if (value.isEmpty() || needsQuotes(value)) {
                record.append('"');
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    record.append(c);
                    if (c == '"') {
                        record.append('"');
                    }
                }
                record.append('"');
            } else {
                record.append(value);
            }
        }

        private static boolean needsQuotes(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class CsvReader extends RowReader {
        private final Fields fields;
        private final List<String> header;
        private final List<String> values = new ArrayList<>();
        private final List<Boolean> quoted = new ArrayList<>();
        private final StringBuilder field = new StringBuilder(256);
        private int recordChars;
        private boolean replaced;

        CsvReader(Reader in, Fields fields) throws IOException {
            super(in);
            this.fields = fields;
            skipByteOrderMark();
            String problem = readRecord();
            if (problem != null || values.isEmpty() || values.size() == 1 && values.get(0).isEmpty()) {
                throw new IOException("line 1: no CSV header (expected " + String.join(",", COLUMNS) + ")"
                    + (problem == null ? "" : ": " + problem));
            }
            List<String> names = new ArrayList<>();
            for (String value : values) {
                String name = value.trim().toLowerCase(Locale.ROOT);
                if (!COLUMNS.contains(name)) {
                    throw new IOException("line 1: unknown column '" + value + "' (known: " + String.join(",", COLUMNS) + ")");
                }
                if (names.contains(name)) {
                    throw new IOException("line 1: column '" + name + "' appears twice");
                }
                names.add(name);
            }
            for (String required : List.of(ADDRESS, CATEGORY)) {
                if (!names.contains(required)) {
                    throw new IOException("line 1: the header has no '" + required + "' column");
                }
            }
            header = List.copyOf(names);
        }

        @Override
        Row read() throws IOException {
            while (true) {
                if (peekChar() == -1) {
                    return null;
                }
                long start = line();
                String problem = readRecord();
                if (problem != null) {
                    return new Rejected(start, problem);
                }
                if (values.size() == 1 && values.get(0).isEmpty() && !quoted.get(0)) {
                    continue; // a blank line
                }
                if (values.size() != header.size()) {
                    return new Rejected(start, "expected " + header.size() + " fields, found " + values.size());
                }
                Map<String, Optional<String>> byName = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    String v = fromInertCell(values.get(i));
                    byName.put(header.get(i), v.isEmpty() && !quoted.get(i) ? Optional.empty() : Optional.of(v));
                }
                return fields.row(start, byName);
            }
        }

        /**
         * Reads one record into {@link #values}; returns a problem or null. A record that breaks the
         * rules is still read to its end, so the next record starts where it should.
         */
        private String readRecord() throws IOException {
            values.clear();
            quoted.clear();
            recordChars = 0;
            replaced = false;
            String problem = null;
            while (true) {
                field.setLength(0);
                boolean isQuoted = false;
                int c = nextChar();
                if (c == '"') {
                    isQuoted = true;
                    while (true) {
                        c = nextChar();
                        if (c == -1) {
                            values.add(field.toString());
                            quoted.add(true);
                            return "a quoted field is not closed before the end of the input";
                        }
                        if (c == '"') {
                            if (peekChar() == '"') {
                                nextChar();
                                append('"');
                                continue;
                            }
                            c = nextChar();
                            break;
                        }
                        append((char) c);
                    }
                    if (c != ',' && c != '\n' && c != '\r' && c != -1) {
                        problem = first(problem, "text after a closing quote in field " + (values.size() + 1));
                        while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                            c = nextChar();
                        }
                    }
                } else {
                    while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                        if (c == '"') {
                            problem = first(problem, "a quote inside the unquoted field " + (values.size() + 1)
                                + " (quote the field and double the quote)");
                        }
                        append((char) c);
                        c = nextChar();
                    }
                }
                values.add(field.toString());
                quoted.add(isQuoted);
                if (c == ',') {
                    continue;
                }
                if (c == '\r' && peekChar() == '\n') {
                    nextChar();
                }
                if (recordChars > MAX_RECORD_CHARS) {
                    problem = "record longer than " + MAX_RECORD_CHARS + " characters";
                } else if (problem == null && replaced) {
                    problem = NOT_UTF8;
                }
                return problem;
            }
        }

        private void append(char c) {
            replaced |= c == REPLACEMENT;
            if (++recordChars <= MAX_RECORD_CHARS) {
                field.append(c);
            }
        }

        private static String first(String problem, String candidate) {
            return problem != null ? problem : candidate;
        }
    }

    // ---- JSONL

    private static final class JsonlWriter implements EntryWriter {
        private final Writer out;
        private final StringBuilder record = new StringBuilder(256);

        JsonlWriter(Writer out) {
            this.out = Objects.requireNonNull(out, "out");
        }

        @Override
        public void write(Suppression s) throws IOException {
            record.setLength(0);
            record.append('{');
            List<Optional<String>> values = values(s);
            for (int i = 0; i < COLUMNS.size(); i++) {
                if (i > 0) {
                    record.append(',');
                }
                string(COLUMNS.get(i));
                record.append(':');
                Optional<String> v = values.get(i);
                if (v.isEmpty()) {
                    record.append("null");
                } else if (COLUMNS.get(i).equals(REPLY_CODE)) {
                    record.append(v.get());
                } else {
                    string(v.get());
                }
            }
            record.append("}\n");
            out.append(record);
        }

        private void string(String s) {
            record.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> record.append("\\\"");
                    case '\\' -> record.append("\\\\");
                    case '\n' -> record.append("\\n");
                    case '\r' -> record.append("\\r");
                    case '\t' -> record.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            record.append(String.format("\\u%04x", (int) c));
                        } else {
                            record.append(c);
                        }
                    }
                }
            }
            record.append('"');
        }
    }

    private static final class JsonlReader extends RowReader {
        private final Fields fields;
        private final StringBuilder text = new StringBuilder(512);

        JsonlReader(Reader in, Fields fields) throws IOException {
            super(in);
            this.fields = fields;
            skipByteOrderMark();
        }

        @Override
        Row read() throws IOException {
            while (true) {
                long start = line();
                text.setLength(0);
                int length = 0;
                int c = nextChar();
                if (c == -1) {
                    return null;
                }
                while (c != '\n' && c != -1) {
                    if (++length <= MAX_RECORD_CHARS) {
                        text.append((char) c);
                    }
                    c = nextChar();
                }
                if (length > MAX_RECORD_CHARS) {
                    return new Rejected(start, "record longer than " + MAX_RECORD_CHARS + " characters");
                }
                if (text.toString().isBlank()) {
                    continue;
                }
                if (text.indexOf(String.valueOf(REPLACEMENT)) >= 0) {
                    return new Rejected(start, NOT_UTF8);
                }
                Map<String, Optional<String>> values;
                try {
                    values = new JsonObjectParser(text).parse();
                } catch (IllegalArgumentException e) {
                    return new Rejected(start, "not a JSON object: " + e.getMessage());
                }
                for (String name : values.keySet()) {
                    if (!COLUMNS.contains(name)) {
                        return new Rejected(start, "unknown field '" + name + "' (known: " + String.join(",", COLUMNS) + ")");
                    }
                }
                return fields.row(start, values);
            }
        }
    }

    /** A flat JSON object whose values are strings, integers or null: all this format has. */
    private static final class JsonObjectParser {
        private final CharSequence s;
        private int i;

        JsonObjectParser(CharSequence s) {
            this.s = s;
        }

        Map<String, Optional<String>> parse() {
            Map<String, Optional<String>> out = new LinkedHashMap<>();
            blanks();
            expect('{');
            blanks();
            if (peek() == '}') {
                i++;
            } else {
                while (true) {
                    blanks();
                    String key = string();
                    blanks();
                    expect(':');
                    blanks();
                    Optional<String> value = value(key);
                    if (out.put(key, value) != null) {
                        throw new IllegalArgumentException("field '" + key + "' appears twice");
                    }
                    blanks();
                    char c = take();
                    if (c == '}') {
                        break;
                    }
                    if (c != ',') {
                        throw new IllegalArgumentException("expected ',' or '}' at column " + i);
                    }
                }
            }
            blanks();
            if (i < s.length()) {
                throw new IllegalArgumentException("text after the object at column " + (i + 1));
            }
            return out;
        }

        private Optional<String> value(String key) {
            char c = peek();
            if (c == '"') {
                return Optional.of(string());
            }
            if (c == 'n' && startsWith("null")) {
                i += 4;
                return Optional.empty();
            }
            if (c == '-' || c >= '0' && c <= '9') {
                int start = i;
                i++;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || "+-.eE".indexOf(s.charAt(i)) >= 0)) {
                    i++;
                }
                return Optional.of(s.subSequence(start, i).toString());
            }
            throw new IllegalArgumentException("field '" + key + "' must be a string, a number or null");
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = take();
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("unescaped control character in a string at column " + i);
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = take();
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw new IllegalArgumentException("short \\u escape at column " + i);
                        }
                        try {
                            out.append((char) Integer.parseInt(s.subSequence(i, i + 4).toString(), 16));
                        } catch (NumberFormatException x) {
                            throw new IllegalArgumentException("bad \\u escape at column " + i);
                        }
                        i += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape \\" + e + " at column " + i);
                }
            }
        }

        private boolean startsWith(String word) {
            return s.length() - i >= word.length() && s.subSequence(i, i + word.length()).toString().equals(word);
        }

        private void blanks() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r')) {
                i++;
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("unexpected end of line");
            }
            return s.charAt(i);
        }

        private char take() {
            char c = peek();
            i++;
            return c;
        }

        private void expect(char c) {
            if (take() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at column " + i);
            }
        }
    }

    // ---- fields, shared by both forms

    private static List<Optional<String>> values(Suppression s) {
        return List.of(Optional.of(s.address().value()), Optional.of(s.category().label()), Optional.of(label(s.source())),
            Optional.of(s.ruleId()), Optional.of(s.suppressedAt().toString()), s.expiresAt().map(Instant::toString),
            s.reportKey(), s.replyCode().map(ReplyCode::toString), s.status().map(EnhancedStatus::toString),
            s.diagnostic(), s.reportingMta(), s.originalMessageId());
    }

    /** The form of a source in files and on the command line: {@code dsn}, {@code synchronous-delivery-failure}... */
    public static String label(EventSource source) {
        return source.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A source by its label or its constant name, case-insensitively. */
    public static Optional<EventSource> source(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(EventSource.values()).filter(s -> s.name().equals(v)).findFirst();
    }

    /** Turns named values into an entry, or says which value is wrong. */
    private record Fields(LocalPartMatching matching, Instant importedAt) {
        Fields {
            Objects.requireNonNull(matching, "matching");
            Objects.requireNonNull(importedAt, "importedAt");
        }

        Row row(long line, Map<String, Optional<String>> values) {
            try {
                return new Accepted(line, suppression(values));
            } catch (IllegalArgumentException e) {
                return new Rejected(line, e.getMessage());
            }
        }

        private Suppression suppression(Map<String, Optional<String>> v) {
            for (Map.Entry<String, Integer> max : MAX_LENGTH.entrySet()) {
                Optional<String> value = v.getOrDefault(max.getKey(), Optional.empty());
                if (value.isPresent() && value.get().length() > max.getValue()) {
                    throw new IllegalArgumentException(max.getKey() + " longer than " + max.getValue() + " characters");
                }
            }
            String rawAddress = required(v, ADDRESS);
            AddressKey address;
            try {
                address = AddressKey.of(rawAddress, matching);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad address '" + rawAddress + "': " + e.getMessage());
            }
            String rawCategory = required(v, CATEGORY);
            Category category = Category.fromLabel(rawCategory).orElseThrow(() -> new IllegalArgumentException(
                "unknown category '" + rawCategory + "' (known: " + String.join(", ",
                    Arrays.stream(Category.values()).map(Category::label).toList()) + ")"));
            EventSource source = optional(v, SOURCE).map(raw -> source(raw).orElseThrow(() -> new IllegalArgumentException(
                "unknown source '" + raw + "' (known: " + String.join(", ",
                    Arrays.stream(EventSource.values()).map(SuppressionCodec::label).toList()) + ")"))).orElse(EventSource.IMPORT);
            String rule = optional(v, RULE).orElse(Suppression.IMPORT_RULE);
            Instant suppressedAt = optional(v, SUPPRESSED_AT).map(raw -> instant(SUPPRESSED_AT, raw)).orElse(importedAt);
            Optional<Instant> expiresAt = optional(v, EXPIRES_AT).map(raw -> instant(EXPIRES_AT, raw));
            if (expiresAt.isPresent() && !expiresAt.get().isAfter(suppressedAt)) {
                throw new IllegalArgumentException("expires_at " + expiresAt.get() + " is not after suppressed_at " + suppressedAt);
            }
            Optional<ReplyCode> replyCode = optional(v, REPLY_CODE).map(raw -> ReplyCode.parse(raw).orElseThrow(() ->
                new IllegalArgumentException("bad reply_code '" + raw + "': expected three digits 200..559")));
            Optional<EnhancedStatus> status = optional(v, STATUS).map(raw -> {
                EnhancedStatus parsed = EnhancedStatus.parse(raw).orElse(null);
                if (parsed == null || !parsed.toString().equals(raw.trim())) {
                    throw new IllegalArgumentException("bad status '" + raw + "': expected an enhanced status code like 5.1.1");
                }
                return parsed;
            });
            return new Suppression(address, category, source, rule, suppressedAt, expiresAt,
                v.getOrDefault(REPORT_KEY, Optional.empty()), replyCode, status, v.getOrDefault(DIAGNOSTIC, Optional.empty()),
                v.getOrDefault(REPORTING_MTA, Optional.empty()), v.getOrDefault(ORIGINAL_MESSAGE_ID, Optional.empty()));
        }

        private static String required(Map<String, Optional<String>> v, String name) {
            return optional(v, name).orElseThrow(() -> new IllegalArgumentException("no " + name));
        }

        /** A value that is absent or blank takes its default. */
        private static Optional<String> optional(Map<String, Optional<String>> v, String name) {
            return v.getOrDefault(name, Optional.empty()).filter(s -> !s.isBlank());
        }

        private static Instant instant(String name, String raw) {
            String value = raw.trim();
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException again) {
                    throw new IllegalArgumentException("bad " + name + " '" + raw + "': expected an ISO-8601 time like 2025-03-01T08:00:00Z");
                }
            }
        }
    }
}
