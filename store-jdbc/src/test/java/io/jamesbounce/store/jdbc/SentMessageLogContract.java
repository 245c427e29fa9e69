package io.jamesbounce.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.trust.SentMessageLog;

/** What every {@link SentMessageLog} must do: know each message by the recipient it went to. */
interface SentMessageLogContract {
    SentMessageLog log();

    @Test
    default void aMessageShouldBeKnownForTheRecipientItWasSentTo() {
        log().add("<news-1@example.com>", "Alice@Example.org");

        assertThat(log().mightContain("news-1@example.com", "alice@example.org")).isTrue();
        assertThat(log().mightContain(" <news-1@example.com> ", "ALICE@example.org")).isTrue();
    }

    @Test
    default void aMessageShouldNotVouchForARecipientItWasNotSentTo() {
        log().add("<news-1@example.com>", "alice@example.org");

        assertThat(log().mightContain("<news-1@example.com>", "ceo@example.org")).isFalse();
        assertThat(log().mightContain("<news-2@example.com>", "alice@example.org")).isFalse();
    }

    @Test
    default void addingTheSamePairTwiceShouldBeHarmless() {
        log().add("<news-1@example.com>", "alice@example.org");
        log().add("<news-1@example.com>", "alice@example.org");

        assertThat(log().mightContain("<news-1@example.com>", "alice@example.org")).isTrue();
    }
}
