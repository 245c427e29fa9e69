package io.jamesbounce.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;

/** No event carries more than the store's columns hold (issue #16): found with a 96 KB diagnostic and a 1,216-character Message-ID. */
class BounceEventBoundsTest {
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    private static BounceEvent event(String reportKey) {
        return BounceEvent.bare(reportKey, AddressKey.of("alice@example.org"), T0, EventSource.DSN, Category.SPAM, "test-rule");
    }

    @Test
    void aHugeDiagnosticShouldBeKeptAsItsStartAndEndMarkedAsCut() {
        String technicalDetails = "550 5.7.1 " + "x".repeat(96 * 1024) + " end of details";

        BounceEvent e = event("<r1@mx>").withDiagnostic(technicalDetails);

        assertThat(e.diagnostic()).hasValueSatisfying(d -> assertThat(d).hasSizeLessThanOrEqualTo(BounceEvent.MAX_DIAGNOSTIC)
            .startsWith("550 5.7.1 ").endsWith(" end of details").contains("characters cut"));
    }

    @Test
    void anOverLongMessageIdShouldBeCutTheSameWayEveryTimeSoReplaysStayDuplicates() {
        String id = "<" + "m".repeat(1216) + "@example.org>";

        BounceEvent first = event(id).withOriginalMessageId(id);
        BounceEvent again = event(id).withOriginalMessageId(id);

        assertThat(first.reportKey()).hasSizeLessThanOrEqualTo(BounceEvent.MAX_ID).contains("characters cut");
        assertThat(first.originalMessageId()).hasValueSatisfying(v -> assertThat(v).hasSizeLessThanOrEqualTo(BounceEvent.MAX_ID));
        assertThat(again.idempotencyKey()).isEqualTo(first.idempotencyKey());
    }

    @Test
    void anAddressNoServerCouldDeliverToShouldBeRefused() {
        assertThatThrownBy(() -> AddressKey.of("a".repeat(400) + "@example.org"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 320");
    }
}
