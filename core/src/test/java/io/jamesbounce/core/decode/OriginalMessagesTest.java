package io.jamesbounce.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.mime.Headers;

class OriginalMessagesTest {
    private static final String NOTICE = "This message was created automatically by mail delivery software.\n\n"
        + "  user@example.org\n    unknown user\n\n------ This is a copy of the message's headers. ------\n\n";

    @Test
    void aHeaderBlockQuotedInTheNoticeShouldBeFound() {
        String text = NOTICE + "Return-Path: <sender@example.com>\nMessage-ID: <abc@example.com>\nSubject: Hello\n\nbody\n";

        assertThat(OriginalMessages.inline(text)).map(h -> h.first("Message-ID").orElseThrow()).contains("<abc@example.com>");
    }

    /**
     * Found fuzzing: a block of thousands of X- lines was read again from each of its lines (64 windows of
     * 64 KB). A start inside a block already read is skipped; a real block after it is still found.
     */
    @Test
    void aLongBlockWithoutTheOriginalsFieldsShouldNotHideTheBlockAfterIt() {
        String filler = "X-Copied: header line\n".repeat(5_000);

        assertThat(OriginalMessages.inline(NOTICE + filler)).isEmpty();
        assertThat(OriginalMessages.inline(NOTICE + filler + "\nMessage-ID: <late@example.com>\nSubject: Late\n"))
            .map(h -> h.first("Subject").orElseThrow()).contains("Late");
    }

    @Test
    void aBlockOfOneFieldShouldNotBeTakenForTheOriginal() {
        assertThat(OriginalMessages.inline(NOTICE + "Subject: only this\n\nbody\n")).isEmpty();
        assertThat(OriginalMessages.inline(NOTICE + "Subject: only this\nX-Mailer: m\n")).map(Headers::fields).hasValueSatisfying(
            fields -> assertThat(fields).hasSize(2));
    }
}
