package io.jamesbounce.james.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.junit.jupiter.api.Test;

import com.codahale.metrics.Counting;
import com.codahale.metrics.MetricRegistry;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.store.Change;
import io.jamesbounce.store.MemorySuppressionRepository;
import io.jamesbounce.store.Suppression;

class MeteredSuppressionListTest {
    private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");
    private final MetricRegistry registry = new MetricRegistry();
    private final MeteredSuppressionList repository =
        new MeteredSuppressionList(new MemorySuppressionRepository(), new DropWizardMetricFactory(registry));

    @Test
    void countsAdditionsBySourceRemovalsImportsAndTimesLookups() {
        AddressKey alice = AddressKey.of("alice@example.org");
        repository.suppressManually(Suppression.of(alice, Category.USER_UNKNOWN, EventSource.MANUAL, Suppression.MANUAL_RULE, NOW,
            Optional.empty()), new Change("ops", "ticket", NOW));
        repository.remove(alice, new Change("ops", "confirmed", NOW));
        repository.remove(alice, new Change("ops", "again", NOW));
        repository.importSuppressions(List.of(
            Suppression.of(AddressKey.of("b@example.org"), Category.SPAM, EventSource.IMPORT, Suppression.IMPORT_RULE, NOW, Optional.empty()),
            Suppression.of(AddressKey.of("c@example.org"), Category.SPAM, EventSource.IMPORT, Suppression.IMPORT_RULE, NOW, Optional.empty()))
            .iterator());
        repository.suppressedAmong(List.of(alice), NOW);

        assertThat(count("bounces_suppressions_added_source_manual")).isEqualTo(1);
        assertThat(count("bounces_suppressions_removed")).isEqualTo(1);
        assertThat(count("bounces_suppressions_imported")).isEqualTo(2);
        assertThat(count("bounces_lookup")).isEqualTo(1);
    }

    private long count(String name) {
        return ((Counting) registry.getMetrics().get(name)).getCount();
    }
}
