package io.jamesbounce.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class TruncationTest {
    @Test
    void aValueThatFitsShouldBeKeptWhole() {
        assertThat(Truncation.middle("550 5.1.1 user unknown", 2048)).isEqualTo("550 5.1.1 user unknown");
        assertThat(Truncation.end("<id@example.org>", 998)).isEqualTo("<id@example.org>");
    }

    @Test
    void aLongDiagnosticShouldKeepItsStartAndItsEndAroundAMark() {
        String diagnostic = "550 5.7.1 start " + "x".repeat(96 * 1024) + " the end";

        String cut = Truncation.middle(diagnostic, 2048);

        assertThat(cut).hasSizeLessThanOrEqualTo(2048).startsWith("550 5.7.1 start").endsWith(" the end")
            .contains(" characters cut ...] ");
        Matcher mark = Pattern.compile(" \\[\\.\\.\\. (\\d+) characters cut \\.\\.\\.\\] ").matcher(cut);
        assertThat(mark.find()).isTrue();
        int kept = cut.length() - mark.group().length();
        assertThat(kept + Integer.parseInt(mark.group(1))).as("what is kept and what the mark says was cut add up to the original")
            .isEqualTo(diagnostic.length());
    }

    @Test
    void aLongMessageIdShouldKeepItsStartAndSayItWasCut() {
        String id = "<" + "a".repeat(1216) + "@example.org>";

        String cut = Truncation.end(id, 998);

        assertThat(cut).hasSizeLessThanOrEqualTo(998).startsWith("<aaaa").contains("characters cut");
        assertThat(Truncation.end(id, 998)).as("the same value is cut the same way: idempotency keys stay stable").isEqualTo(cut);
    }
}
