package io.jamesbounce.core.json;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The project's one JSON writer, on Jackson: compact (no spaces, no line breaks), members in the order of
 * the map given ({@link java.util.LinkedHashMap}), {@code null} written as {@code null}, strings escaped by
 * {@link MinimalEscapes}. It writes maps, lists, strings, numbers, booleans and nulls; the callers build
 * those from the model, so the JSON shape is visible where it is defined.
 *
 * <p>Used for the CLI's JSON lines, the JSONL export of the suppression list and the records a mailet puts
 * on a mail; compiled against the Jackson API that James 3.8 (2.14) and 3.9 (2.19) both ship.
 */
public final class CompactJson {
    private static final ObjectWriter WRITER = new ObjectMapper(new JsonFactoryBuilder()
        .characterEscapes(MinimalEscapes.INSTANCE)
        .build()).writer();

    private CompactJson() {
    }

    /** {@code value} as JSON text: a {@code Map<String, ?>}, a {@code List}, a string, a number, a boolean or null. */
    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
