package io.jamesbounce.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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

    /** Spool threads sending at once share INSERTs: every pair is still committed before its caller goes on. */
    @Test
    default void pairsAddedFromManyThreadsAtOnceShouldAllBeKnown() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                sent.add(threads.submit(() -> IntStream.range(0, 100)
                    .forEach(i -> log().add("<news-" + thread + "-" + i + "@example.com>", "reader" + i + "@example.org"))));
            }
            for (Future<?> future : sent) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        for (int t = 0; t < 8; t++) {
            for (int i = 0; i < 100; i++) {
                assertThat(log().mightContain("<news-" + t + "-" + i + "@example.com>", "reader" + i + "@example.org")).isTrue();
            }
        }
        assertThat(log().mightContain("<news-0-0@example.com>", "reader1@example.org")).isFalse();
    }
}
