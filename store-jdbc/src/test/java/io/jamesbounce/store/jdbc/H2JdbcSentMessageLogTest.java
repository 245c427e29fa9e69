package io.jamesbounce.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.trust.SentMessageLog;

/** The contract on the embedded H2 file database, and what survives a restart. */
class H2JdbcSentMessageLogTest extends H2SuppressionStore implements JdbcSentMessageLogContract {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    private JdbcSentMessageLog log;

    @BeforeEach
    void openLog() {
        log = JdbcSentMessageLog.create(pool, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Override
    public SentMessageLog log() {
        return log;
    }

    @Override
    public JdbcSentMessageLog logSentAt(Instant now) {
        return JdbcSentMessageLog.create(pool, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void whatWasSentShouldBeKnownAfterARestartUntilPurged() {
        log.add("<news-1@example.com>", "alice@example.org");
        pool.dispose();

        pool = EmbeddedH2.dataSource(jamesData);
        JdbcSentMessageLog restarted = JdbcSentMessageLog.create(pool, Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC));
        assertThat(restarted.mightContain("<news-1@example.com>", "alice@example.org")).isTrue();

        assertThat(restarted.purgeBefore(T0.plusSeconds(1))).isEqualTo(1);
        assertThat(restarted.mightContain("<news-1@example.com>", "alice@example.org")).isFalse();
    }
}
