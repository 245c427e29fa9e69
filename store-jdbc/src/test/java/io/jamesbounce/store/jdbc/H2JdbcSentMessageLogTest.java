package io.jamesbounce.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jamesbounce.core.trust.SentMessageLog;

/** The contract on the embedded H2 file database, and what survives a restart. */
class H2JdbcSentMessageLogTest implements JdbcSentMessageLogContract {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path jamesData;
    private JdbcConnectionPool pool;
    private JdbcSentMessageLog log;

    @BeforeEach
    void setUp() {
        pool = EmbeddedH2.dataSource(jamesData);
        log = JdbcSentMessageLog.create(pool, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        pool.dispose();
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
