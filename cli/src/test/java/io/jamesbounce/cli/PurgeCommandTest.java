package io.jamesbounce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.jdbc.EmbeddedH2;
import io.jamesbounce.store.jdbc.JdbcSentMessageLog;
import io.jamesbounce.store.jdbc.JdbcSuppressionRepository;

class PurgeCommandTest {
    private static final AddressKey ALICE = AddressKey.of("alice@example.org");

    @TempDir
    Path dir;

    @Test
    void purgeShouldDeleteOldEventsAndExpiredSuppressionsAndSayHowMany() throws Exception {
        Path jamesData = dir.resolve("var");
        JdbcConnectionPool pool = EmbeddedH2.dataSource(jamesData);
        try {
            JdbcSuppressionRepository store = JdbcSuppressionRepository.create(pool);
            store.recordEvent(BounceEvent.bare("<old@mx>", ALICE, CliRun.NOW.minus(Duration.ofDays(200)), EventSource.DSN,
                Category.MAILBOX_FULL, "text.mailbox-full"));
            store.recordEvent(BounceEvent.bare("<new@mx>", ALICE, CliRun.NOW.minus(Duration.ofDays(2)), EventSource.DSN,
                Category.MAILBOX_FULL, "text.mailbox-full"));
            store.suppress(Suppression.of(ALICE, Category.MAILBOX_FULL, EventSource.DSN, "soft-streak-exceeded",
                CliRun.NOW.minus(Duration.ofDays(100)), Optional.of(CliRun.NOW.minus(Duration.ofDays(1)))));
        } finally {
            pool.dispose();
        }

        CliRun run = CliRun.of("purge", "--h2", jamesData.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("purged events=1 untrusted-events=0 expired-suppressions=1 sent-messages=0")
            .contains("events older than 180d, untrusted older than 30d, sent older than 14d");
        JdbcConnectionPool again = EmbeddedH2.dataSource(jamesData);
        try {
            JdbcSuppressionRepository store = new JdbcSuppressionRepository(again);
            assertThat(store.events(ALICE)).extracting(BounceEvent::reportKey).containsExactly("<new@mx>");
            assertThat(store.find(ALICE)).isEmpty();
        } finally {
            again.dispose();
        }
    }

    @Test
    void purgeShouldForgetMessagesSentBeforeTheReturnPathsValidity() throws Exception {
        Path jamesData = dir.resolve("var");
        JdbcConnectionPool pool = EmbeddedH2.dataSource(jamesData);
        try {
            JdbcSentMessageLog.create(pool, Clock.fixed(CliRun.NOW.minus(Duration.ofDays(20)), ZoneOffset.UTC))
                .add("<old@example.com>", "alice@example.org");
            JdbcSentMessageLog.create(pool, Clock.fixed(CliRun.NOW.minus(Duration.ofDays(1)), ZoneOffset.UTC))
                .add("<new@example.com>", "alice@example.org");
        } finally {
            pool.dispose();
        }

        CliRun run = CliRun.of("purge", "--h2", jamesData.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("sent-messages=1").contains("sent older than 14d");
        JdbcConnectionPool again = EmbeddedH2.dataSource(jamesData);
        try {
            JdbcSentMessageLog sent = JdbcSentMessageLog.existing(again, Clock.systemUTC());
            assertThat(sent.mightContain("<old@example.com>", "alice@example.org")).isFalse();
            assertThat(sent.mightContain("<new@example.com>", "alice@example.org")).isTrue();
        } finally {
            again.dispose();
        }
    }

    @Test
    void aRetentionThatIsNoDurationShouldBeAUsageError() {
        assertThat(CliRun.of("purge", "--h2", dir.toString(), "--events-older-than", "soon").usageError())
            .isEqualTo("Invalid value for option '--events-older-than': a duration, e.g. 180d or 12h, not soon");
    }
}
