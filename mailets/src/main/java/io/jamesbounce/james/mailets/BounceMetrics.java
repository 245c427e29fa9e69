package io.jamesbounce.james.mailets;

import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.policy.Outcome;
import io.jamesbounce.core.trust.Trust;

/**
 * What the mailets count: reports received by kind, reports that could not be read, what became of
 * each recipient of a report, outbound recipients dropped. The James extension binds it to James'
 * MetricFactory; {@link #NONE} counts nothing.
 */
public interface BounceMetrics {
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

    /** One report analysed, of this kind ({@code unparseable} included). */
    void reportReceived(ReportKind kind);

    /** One suppressed recipient removed from an outbound mail. */
    void recipientDropped();

    /** One record of a report that could not be authenticated: forgery attempts show here. */
    void untrustedRecord(Trust.Reason reason);

    /** One mail sent to a report address that is no report, of this kind (auto-reply, not-bounce...). */
    void unrecognised(ReportKind kind);

    /**
     * One recipient of a report recorded, with what became of it: an untrusted record is
     * {@code RECORD_ONLY} here, its reason counted by {@link #untrustedRecord}.
     */
    void recorded(Outcome outcome);
}
