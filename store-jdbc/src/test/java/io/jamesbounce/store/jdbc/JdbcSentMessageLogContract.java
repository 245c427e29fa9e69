package io.jamesbounce.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** What the database backends add to the contract: the send time kept as the clock gave it, for the purge. */
interface JdbcSentMessageLogContract extends SentMessageLogContract {
    /** A log on the same table whose clock reads {@code now}. */
    JdbcSentMessageLog logSentAt(Instant now);

    @Test
    default void theSendTimeShouldBeKeptToTheMicrosecondForThePurge() {
        Instant sentAt = Instant.parse("2026-06-01T10:15:30.123456Z");
        logSentAt(sentAt).add("<news-9@example.com>", "alice@example.org");
        JdbcSentMessageLog log = logSentAt(sentAt.plusSeconds(3600));

        assertThat(log.purgeBefore(sentAt)).isZero();
        assertThat(log.purgeBefore(sentAt.plusNanos(1_000))).isEqualTo(1);
        assertThat(log.mightContain("<news-9@example.com>", "alice@example.org")).isFalse();
    }
}
