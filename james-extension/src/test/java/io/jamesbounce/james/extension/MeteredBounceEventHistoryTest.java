package io.jamesbounce.james.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.junit.jupiter.api.Test;

import com.codahale.metrics.Counting;
import com.codahale.metrics.MetricRegistry;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.SuppressionPolicy;
import io.jamesbounce.store.MemorySuppressionRepository;

class MeteredBounceEventHistoryTest {
    private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");
    private final MetricRegistry registry = new MetricRegistry();
    private final MeteredBounceEventHistory history =
        new MeteredBounceEventHistory(new MemorySuppressionRepository(), new DropWizardMetricFactory(registry));
    private final SuppressionPolicy policy = new SuppressionPolicy(PolicySettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void countsEventsBySourceAndCategoryOnceAndTheEntriesTheyDecide() {
        BounceEvent hard = BounceEvent.bare("<r1@mx>", AddressKey.of("alice@example.org"), NOW, EventSource.DSN, Category.USER_UNKNOWN, "r");
        BounceEvent complaint = BounceEvent.bare("<c1@fbl>", AddressKey.of("bob@example.org"), NOW, EventSource.ARF, Category.COMPLAINT, "r");
        Instant since = NOW.minus(Duration.ofDays(30));

        history.recordEventAndDecide(hard, since, h -> policy.decide(hard, h));
        history.recordEventAndDecide(hard, since, h -> policy.decide(hard, h));
        history.recordEvent(complaint);
        history.recordEvent(complaint);

        assertThat(count("bounces_events_recorded_source_dsn")).isEqualTo(1);
        assertThat(count("bounces_events_recorded_source_arf")).isEqualTo(1);
        assertThat(count("bounces_events_recorded_category_user-unknown")).isEqualTo(1);
        assertThat(count("bounces_events_recorded_category_complaint")).isEqualTo(1);
        assertThat(count("bounces_suppressions_added_source_dsn")).isEqualTo(1);
    }

    private long count(String name) {
        return ((Counting) registry.getMetrics().get(name)).getCount();
    }
}
