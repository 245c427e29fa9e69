package io.jamesbounce.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.trust.Trust;

/** What every {@link UntrustedEventLog} does; each backend's test implements {@link #log()} on an empty log. */
public interface UntrustedEventLogContract {
    Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    AddressKey ALICE = AddressKey.of("alice@example.org");

    UntrustedEventLog log();

    private static UntrustedEvent forged(String reportKey, AddressKey address, Trust.Reason reason, Instant at) {
        BounceEvent event = new BounceEvent(reportKey, address, at.minus(Duration.ofMinutes(5)), EventSource.DSN, Category.USER_UNKNOWN,
            "status.user-unknown", Optional.of(new ReplyCode(550)), Optional.of(EnhancedStatus.of("5.1.1")),
            Optional.of("smtp; 550 5.1.1 <" + address.value() + ">: no such user"), Optional.of("dns; mx.forger.example"),
            Optional.of("<never-sent@example.com>"), Optional.empty());
        return new UntrustedEvent(event, reason, "the return path carries no signature of ours", at);
    }

    @Test
    default void anEventShouldComeBackWhole() {
        UntrustedEvent event = forged("<r1@forger>", ALICE, Trust.Reason.UNSIGNED_RETURN_PATH, T0);

        assertThat(log().record(event)).isTrue();

        assertThat(log().events(ALICE)).containsExactly(event);
        assertThat(log().events(AddressKey.of("bob@example.org"))).isEmpty();
    }

    @Test
    default void theSameReportForTheSameAddressShouldBeRecordedOnce() {
        assertThat(log().record(forged("<r1@forger>", ALICE, Trust.Reason.SIGNATURE_INVALID, T0))).isTrue();
        assertThat(log().record(forged("<r1@forger>", ALICE, Trust.Reason.SIGNATURE_INVALID, T0.plusSeconds(60)))).isFalse();
        assertThat(log().record(forged("<r2@forger>", ALICE, Trust.Reason.SIGNATURE_INVALID, T0.plusSeconds(60)))).isTrue();

        assertThat(log().events(ALICE)).extracting(e -> e.event().reportKey()).containsExactly("<r1@forger>", "<r2@forger>");
    }

    @Test
    default void countsShouldBePerReasonWithinTheWindow() {
        log().record(forged("<r1@forger>", ALICE, Trust.Reason.UNSIGNED_RETURN_PATH, T0));
        log().record(forged("<r2@forger>", ALICE, Trust.Reason.UNSIGNED_RETURN_PATH, T0.plusSeconds(10)));
        log().record(forged("<r3@forger>", AddressKey.of("bob@example.org"), Trust.Reason.SIGNATURE_EXPIRED, T0.plusSeconds(20)));
        log().record(forged("<r4@forger>", ALICE, Trust.Reason.UNKNOWN_FEEDBACK_SOURCE, T0.plus(Duration.ofHours(2))));

        Map<Trust.Reason, Long> counts = log().countByReason(T0, T0.plus(Duration.ofHours(1)));

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
            Trust.Reason.UNSIGNED_RETURN_PATH, 2L, Trust.Reason.SIGNATURE_EXPIRED, 1L));
    }

    @Test
    default void purgeBeforeShouldDeleteOnlyOlderEvents() {
        log().record(forged("<r1@forger>", ALICE, Trust.Reason.UNSIGNED_RETURN_PATH, T0));
        log().record(forged("<r2@forger>", ALICE, Trust.Reason.UNSIGNED_RETURN_PATH, T0.plus(Duration.ofDays(40))));

        assertThat(log().purgeBefore(T0.plus(Duration.ofDays(30)))).isEqualTo(1);

        assertThat(log().events(ALICE)).extracting(e -> e.event().reportKey()).containsExactly("<r2@forger>");
    }
}
