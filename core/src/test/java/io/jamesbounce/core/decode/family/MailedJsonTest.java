package io.jamesbounce.core.decode.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

class MailedJsonTest {
    private static JsonNode parse(String text) {
        return MailedJson.parse(text).orElseThrow();
    }

    @Test
    void aLineBreakMailTransportPutInsideAStringShouldBeDropped() {
        JsonNode node = parse("{\"diagnosticCode\":\"smtp; 550 5.1.1 user\r\n unknown\",\n  \"status\":\"5.1.1\"}");

        assertThat(MailedJson.text(node, "diagnosticCode")).contains("smtp; 550 5.1.1 user unknown");
        assertThat(MailedJson.text(node, "status")).contains("5.1.1");
    }

    @Test
    void escapesShouldBeDecodedAndRawTabsAndNeedlessBackslashesAccepted() {
        JsonNode node = parse("{\"a\":\"caf\\u00e9 \\\"q\\\" \\n\",\"b\":\"x\ty\",\"c\":\"\\'\"}");

        assertThat(MailedJson.text(node, "a")).contains("café \"q\" \n");
        assertThat(MailedJson.text(node, "b")).contains("x\ty");
        assertThat(MailedJson.text(node, "c")).contains("'");
    }

    @Test
    void textAfterTheValueShouldBeIgnored() {
        assertThat(MailedJson.text(parse("{\"a\":\"b\"}\n--\nIf you wish to stop receiving notifications { "), "a")).contains("b");
    }

    @Test
    void onlyStringsShouldBeText() {
        JsonNode node = parse("{\"n\":550,\"t\":true,\"z\":null,\"o\":{},\"s\":\"550\"}");

        assertThat(List.of("n", "t", "z", "o", "missing")).allSatisfy(key -> assertThat(MailedJson.text(node, key)).isEmpty());
        assertThat(MailedJson.text(node, "s")).contains("550");
    }

    @Test
    void arrayShouldGiveTheElementsOfAnArrayAndNothingForAnythingElse() {
        JsonNode node = parse("{\"list\":[{\"a\":1},\"x\"],\"object\":{\"a\":\"b\"},\"text\":\"t\"}");
        List<JsonNode> elements = new ArrayList<>();
        MailedJson.array(node, "list").forEach(elements::add);

        assertThat(elements).hasSize(2);
        assertThat(MailedJson.array(node, "object")).isEmpty();
        assertThat(MailedJson.array(node, "text")).isEmpty();
        assertThat(MailedJson.array(node, "missing")).isEmpty();
        assertThat(MailedJson.array(node.path("text"), "a")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\":", "{\"a\" \"b\"}", "not json", "{\"a\":\"\\u12\"}"})
    void badInputShouldGiveEmpty(String text) {
        assertThat(MailedJson.parse(text)).isEmpty();
    }

    @Test
    void nestingDeeperThanTheLimitShouldGiveEmptyWithoutBuildingATree() {
        String limit = "[".repeat(MailedJson.MAX_DEPTH) + "]".repeat(MailedJson.MAX_DEPTH);
        String deeper = "[".repeat(MailedJson.MAX_DEPTH + 1) + "]".repeat(MailedJson.MAX_DEPTH + 1);

        assertThat(MailedJson.parse(limit)).isPresent();
        assertThat(MailedJson.parse(deeper)).isEmpty();
        assertThat(MailedJson.parse("{\"a\":" + "[".repeat(200_000))).isEmpty();
    }
}
