package io.jamesbounce.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.trust.Trust;

class RetentionTest {
    private static final Instant NOW = Instant.parse("2025-09-01T00:00:00Z");
    private static final AddressKey ALICE = AddressKey.of("alice@example.org");
    private final MemorySuppressionRepository repository = new MemorySuppressionRepository();
    private final MemoryUntrustedEventLog untrusted = new MemoryUntrustedEventLog();
    private final Retention retention = new Retention(repository, repository, untrusted, Retention.Settings.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

    private static BounceEvent event(String report, Instant at) {
        return BounceEvent.bare(report, ALICE, at, EventSource.DSN, Category.MAILBOX_FULL, "text.mailbox-full");
    }

    @Test
    void purgeShouldDeleteWhatIsOlderThanItsRetentionAndExpiredSuppressions() {
        repository.recordEvent(event("<old@mx>", NOW.minus(Duration.ofDays(181))));
        repository.recordEvent(event("<recent@mx>", NOW.minus(Duration.ofDays(179))));
        untrusted.record(new UntrustedEvent(event("<forged-old@mx>", NOW.minus(Duration.ofDays(31))), Trust.Reason.UNSIGNED_RETURN_PATH,
            "unsigned", NOW.minus(Duration.ofDays(31))));
        untrusted.record(new UntrustedEvent(event("<forged-new@mx>", NOW.minus(Duration.ofDays(1))), Trust.Reason.UNSIGNED_RETURN_PATH,
            "unsigned", NOW.minus(Duration.ofDays(1))));
        repository.suppress(Suppression.of(ALICE, Category.MAILBOX_FULL, EventSource.DSN, "soft-streak-exceeded",
            NOW.minus(Duration.ofDays(100)), Optional.of(NOW.minus(Duration.ofDays(10)))));
        AddressKey bob = AddressKey.of("bob@example.org");
        repository.suppress(Suppression.of(bob, Category.USER_UNKNOWN, EventSource.DSN, "hard-at-once",
            NOW.minus(Duration.ofDays(400)), Optional.empty()));

        Retention.Purged purged = retention.purge();

        assertThat(purged).isEqualTo(new Retention.Purged(1, 1, 1));
        assertThat(repository.events(ALICE)).extracting(BounceEvent::reportKey).containsExactly("<recent@mx>");
        assertThat(untrusted.events(ALICE)).extracting(e -> e.event().reportKey()).containsExactly("<forged-new@mx>");
        assertThat(repository.find(ALICE)).isEmpty();
        assertThat(repository.find(bob)).as("a permanent suppression outlives its events").isPresent();
    }

    @Test
    void aRetentionThatIsNotPositiveShouldBeRefused() {
        assertThatThrownBy(() -> new Retention.Settings(Duration.ZERO, Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class);
    }
}
