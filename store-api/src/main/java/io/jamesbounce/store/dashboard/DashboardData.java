package io.jamesbounce.store.dashboard;

import java.time.Instant;
import java.util.List;
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

    /** Per domain, the hourly totals of the hours that start in [{@code from}, {@code to}), in domain then hour order. */
    List<DomainHour> domainHours(Instant from, Instant to);

    /** The states the servers recorded (a domain never out of normal has none). */
    List<RecordedState> domainStates();

    /** Suppressions made in [{@code from}, {@code to}), counted per UTC day, category and source. */
    List<SuppressionCount> suppressionsPerDay(Instant from, Instant to);

    /** Suppressions in force at {@code now}, counted per category and source ({@code day} is null). */
    List<SuppressionCount> suppressionsInForce(Instant now);

    /** The newest suppressions, newest first. */
    List<Suppression> newestSuppressions(int limit);

    /** Distinct reports per hour and source in [{@code from}, {@code to}): the trusted ones, and apart those that could not be. */
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

    /** @param day the start of the UTC day, or null for a count not per day */
    record SuppressionCount(Instant day, Category category, EventSource source, long count) {
        public SuppressionCount {
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
