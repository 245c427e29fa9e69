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
    void aWholeHeaderShouldContinueTheFieldBeforeALineThatIsNoField() {
        String text = "Received: from [127.0.0.1]\r\nby mx.example.net with ESMTP id 44kW\r\nMessage-ID: <44kW@mx.example.net>\r\n\r\nbody: x\r\n";

        Headers headers = Headers.parseWhole(text);

        assertThat(headers.fields()).extracting(Headers.Field::name).containsExactly("Received", "Message-ID");
        assertThat(headers.first("Received")).contains("from [127.0.0.1] by mx.example.net with ESMTP id 44kW");
        assertThat(Headers.parse(text).fields()).extracting(Headers.Field::name).containsExactly("Received");
    }

    @Test
    void aWholeHeaderShouldSkipLinesBeforeItsFirstField() {
        assertThat(Headers.parseWhole("not a field\nFrom: a@example.com\n").fields()).extracting(Headers.Field::name).containsExactly("From");
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
