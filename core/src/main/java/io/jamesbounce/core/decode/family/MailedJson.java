package io.jamesbounce.core.decode.family;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON some sending services mail (Amazon SES via SNS), read with Jackson, leniently: mail transport
 * may have broken a long line inside a string (the line breaks are dropped before parsing; outside strings
 * they are only white space), raw tabs and needless backslashes are accepted, text after the value is
 * ignored. Bad input, or nesting deeper than {@value #MAX_DEPTH}, gives empty: never an exception.
 */
final class MailedJson {
    static final int MAX_DEPTH = 64;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
        .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
        .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
        .build());

    private MailedJson() {
    }

    static Optional<JsonNode> parse(String text) {
        String json = text.replace("\r", "").replace("\n", "");
        try {
            if (tooDeep(json)) {
                return Optional.empty();
            }
            return Optional.ofNullable(MAPPER.readTree(json)).filter(node -> !node.isMissingNode());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The text of the member {@code key} of {@code node}, if {@code node} is an object and the member a string. */
    static Optional<String> text(JsonNode node, String key) {
        return Optional.of(node.path(key)).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /** The elements of the member {@code key} of {@code node}, if it is an array; none otherwise. */
    static Iterable<JsonNode> array(JsonNode node, String key) {
        JsonNode member = node.path(key);
        return member.isArray() ? member : List.of();
    }

    /** Counts the nesting of the first value before Jackson builds a tree of it. */
    private static boolean tooDeep(String json) throws IOException {
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            int depth = 0;
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t.isStructStart() && ++depth > MAX_DEPTH) {
                    return true;
                }
                if (t.isStructEnd() && --depth == 0) {
                    return false;
                }
            }
            return false;
        }
    }
}
