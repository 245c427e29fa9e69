package io.jamesbounce.ingest;

import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.policy.Outcome;
import io.jamesbounce.core.trust.Trust;

/** What the ingestion counts. In James, bound to its MetricFactory; {@link #NONE} counts nothing. */
public interface IngestMetrics {
    IngestMetrics NONE = new IngestMetrics() {
        @Override
        public void reportReceived(ReportKind kind) {
        }

        @Override
        public void untrustedRecord(Trust.Reason reason) {
        }

        @Override
        public void recorded(Outcome outcome) {
        }
    };

    /** One report analysed, of this kind ({@code unparseable} included). */
    void reportReceived(ReportKind kind);

    /** One record of a report that could not be authenticated: forgery attempts show here. */
    void untrustedRecord(Trust.Reason reason);

    /**
     * One recipient of a report stored, with what became of it: an untrusted record is
     * {@code RECORD_ONLY} here, its reason counted by {@link #untrustedRecord}.
     */
    void recorded(Outcome outcome);
}
