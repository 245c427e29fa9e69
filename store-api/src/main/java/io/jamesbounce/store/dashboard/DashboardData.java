package io.jamesbounce.store.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.rates.DomainState;
import io.jamesbounce.core.rates.WindowCounts;
import io.jamesbounce.store.Suppression;

/**
 * What the postmaster's dashboard reads from a store, in aggregates the database computes: the
 * page's size and the time to build it depend on the number of domains and hours, not on the
 * number of suppressions or events.
 */
public interface DashboardData {

    /** Per domain, the totals of the hours that start in [{@code from}, {@code to}), in domain order. */
    List<WindowCounts> domainTotals(Instant from, Instant to);

    /** The hourly totals of these domains, of the hours that start in [{@code from}, {@code to}), in domain then hour order. */
    List<DomainHour> domainHours(Collection<String> domains, Instant from, Instant to);

    /** Per throttled domain, the next free send slot the servers share: the slots before it are held mail's. */
    Map<String, Instant> nextSendSlots();

    /** The states the servers recorded (a domain never out of normal has none). */
    List<RecordedState> domainStates();

    /**
     * Every suppression counted per UTC day it was made, category, source and whether it is in force at
     * {@code now}: one pass over the list gives both the days drawn and the totals in force.
     */
    List<SuppressionCount> suppressions(Instant now);

    /** The newest suppressions, newest first. */
    List<Suppression> newestSuppressions(int limit);

    /**
     * Distinct reports per hour and source, by when they were recorded here, in [{@code from}, {@code to}): the
     * trusted ones, and apart those that could not be.
     */
    List<ReportHour> reportsPerHour(Instant from, Instant to);

    /** One domain's totals over one hour. */
    record DomainHour(Instant hour, WindowCounts counts) {
        public DomainHour {
            Objects.requireNonNull(hour, "hour");
            Objects.requireNonNull(counts, "counts");
        }

        public String domain() {
            return counts.domain();
        }
    }

    record RecordedState(String domain, DomainState state, Instant since) {
        public RecordedState {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(since, "since");
        }
    }

    /** @param day the UTC day the suppressions were made */
    record SuppressionCount(LocalDate day, Category category, EventSource source, boolean inForce, long count) {
        public SuppressionCount {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(source, "source");
        }
    }

    /** @param untrusted whether these reports could not be authenticated (they suppressed nothing) */
    record ReportHour(Instant hour, EventSource source, boolean untrusted, long reports) {
        public ReportHour {
            Objects.requireNonNull(hour, "hour");
            Objects.requireNonNull(source, "source");
        }
    }
}
