package io.jamesbounce.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.jamesbounce.core.trust.Arrival;

/**
 * How one report reached us: the key that makes it count once however often it is processed, when it
 * was written, who handed it over (what the domain rates count as one reporter), and how it arrived
 * at each of our addresses it was sent to (what the trust check reads). No arrival: nothing to check
 * against, as for a backlog an operator scans.
 */
public record ReportReceipt(String reportKey, Instant occurredAt, String reporter, List<Arrival> arrivals) {
    public ReportReceipt {
        Objects.requireNonNull(reportKey, "reportKey");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(reporter, "reporter");
        arrivals = List.copyOf(arrivals);
    }
}
