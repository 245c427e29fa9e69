package io.jamesbounce.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeadersBlockTest {
    @Test
    void aBlockShouldEndAtTheBlankLineThatClosesIt() {
        String text = "From: a@example.com\r\nSubject: s\r\n folded\r\n\r\nbody\r\n";

        Headers.Block block = Headers.parseBlock(text);

        assertThat(block.headers().first("Subject")).contains("s folded");
        assertThat(block.end()).isEqualTo(text.indexOf("\r\n\r\n") + 2);
    }

    @Test
    void aBlockShouldEndAtTheFirstLineThatIsNoField() {
        String text = "junk before\nFrom: a@example.com\nTo: b@example.com\nnot a field\nX-After: x\n";

        Headers.Block block = Headers.parseBlock(text);

        assertThat(block.headers().fields()).extracting(Headers.Field::name).containsExactly("From", "To");
        assertThat(block.end()).isEqualTo(text.indexOf("not a field"));
    }

    @Test
    void aBlockRunningToTheEndOfTheTextShouldEndThere() {
        String text = "From: a@example.com\nTo: b@example.com";

        assertThat(Headers.parseBlock(text).end()).isEqualTo(text.length());
        assertThat(Headers.parse(text).fields()).hasSize(2);
    }

    @Test
    void unfoldingShouldDropTheLineBreaksAndKeepTheBlanksAfterThem() {
        assertThat(Headers.unfold(" v=1; a=rsa-sha256;\r\n\tb=abc\r\n def\n ghi\r")).isEqualTo("v=1; a=rsa-sha256;\tb=abc def ghi");
        assertThat(Headers.unfold("  plain  ")).isEqualTo("plain");
    }
}
