package io.jamesbounce.james.mailets;

import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.policy.Outcome;
import io.jamesbounce.core.trust.Trust;
import io.jamesbounce.ingest.IngestMetrics;

/**
 * What the extension counts: what the ingestion counts ({@link IngestMetrics}), outbound recipients
 * dropped, mail to a report address that is no report. The James extension binds it to James'
 * MetricFactory; {@link #NONE} counts nothing.
 */
public interface BounceMetrics extends IngestMetrics {
    BounceMetrics NONE = new BounceMetrics() {
        @Override
        public void reportReceived(ReportKind kind) {
        }

        @Override
        public void recipientDropped() {
        }

        @Override
        public void untrustedRecord(Trust.Reason reason) {
        }

        @Override
        public void unrecognised(ReportKind kind) {
        }

        @Override
        public void recorded(Outcome outcome) {
        }
    };

    /** One suppressed recipient removed from an outbound mail. */
    void recipientDropped();

    /** One mail sent to a report address that is no report, of this kind (auto-reply, not-bounce...). */
    void unrecognised(ReportKind kind);
}
