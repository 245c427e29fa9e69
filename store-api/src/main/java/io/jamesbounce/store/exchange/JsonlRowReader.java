package io.jamesbounce.store.exchange;

import static io.jamesbounce.store.exchange.SuppressionColumns.COLUMNS;

import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * JSONL: one flat object per line, read with Jackson's streaming parser. Members are columns; values
 * are strings, numbers (kept as written) or {@code null}, all this format has. Blank lines are skipped.
 */
final class JsonlRowReader extends RowReader {
    private static final JsonFactory JSON = new JsonFactory();

    private final SuppressionFields fields;
    private final StringBuilder text = new StringBuilder(512);

    JsonlRowReader(Reader in, SuppressionFields fields) throws IOException {
        super(new LineCountingReader(in));
        this.fields = fields;
        this.in.skipByteOrderMark();
    }

    @Override
    ImportRow read() throws IOException {
        while (true) {
            long start = in.line();
            text.setLength(0);
            int length = 0;
            int c = in.next();
            if (c == -1) {
                return null;
            }
            while (c != '\n' && c != -1) {
                if (++length <= MAX_RECORD_CHARS) {
                    text.append((char) c);
                }
                c = in.next();
            }
            if (length > MAX_RECORD_CHARS) {
                return new ImportRow.Rejected(start, TOO_LONG);
            }
            if (text.toString().isBlank()) {
                continue;
            }
            if (text.indexOf(String.valueOf(REPLACEMENT)) >= 0) {
                return new ImportRow.Rejected(start, NOT_UTF8);
            }
            Map<String, Optional<String>> values;
            try {
                values = object(text.toString());
            } catch (IllegalArgumentException e) {
                return new ImportRow.Rejected(start, "not a JSON object: " + e.getMessage());
            }
            for (String name : values.keySet()) {
                if (!COLUMNS.contains(name)) {
                    return new ImportRow.Rejected(start, "unknown field '" + name + "' (known: " + String.join(",", COLUMNS) + ")");
                }
            }
            return fields.row(start, values);
        }
    }

    /** The members of the one object on {@code line}; IllegalArgumentException says what is wrong. */
    private static Map<String, Optional<String>> object(String line) {
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("expected '{' at column " + parser.getTokenLocation().getColumnNr());
            }
            Map<String, Optional<String>> out = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.getCurrentName();
                Optional<String> value = switch (parser.nextToken()) {
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Optional.of(parser.getText());
                    case VALUE_NULL -> Optional.empty();
                    default -> throw new IllegalArgumentException("field '" + name + "' must be a string, a number or null");
                };
                if (out.put(name, value) != null) {
                    throw new IllegalArgumentException("field '" + name + "' appears twice");
                }
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("text after the object at column " + parser.getTokenLocation().getColumnNr());
            }
            return out;
        } catch (JsonEOFException e) {
            throw new IllegalArgumentException("unexpected end of line");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
