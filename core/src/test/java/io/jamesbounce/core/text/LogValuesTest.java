package io.jamesbounce.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogValuesTest {
    @Test
    void aFoldIsUnfoldedAndOtherLineBreaksEscaped() {
        assertThat(LogValues.safe("<a@b>\r\n continued")).isEqualTo("<a@b> continued");
        assertThat(LogValues.safe("one\r\nINFO forged line")).isEqualTo("one\\u000d\\u000aINFO forged line");
        assertThat(LogValues.safe("bell\u0007 and \u2028 separator")).isEqualTo("bell\\u0007 and \\u2028 separator");
    }

    @Test
    void aLongValueIsCapped() {
        assertThat(LogValues.safe("x".repeat(10_000))).hasSize(512 + 3).endsWith("...");
    }

    @Test
    void nothingIsADash() {
        assertThat(LogValues.safe((String) null)).isEqualTo("-");
        assertThat(LogValues.safe((Object) null)).isEqualTo("-");
    }
}
