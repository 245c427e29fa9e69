package io.jamesbounce.james.mailets;

import java.util.ArrayList;
import java.util.List;

import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.policy.Outcome;
import io.jamesbounce.core.trust.Trust;

/** The mailets' counts as the tests read them: each kind in its list, and every call in order. */
final class RecordingBounceMetrics implements BounceMetrics {
    final List<Trust.Reason> untrusted = new ArrayList<>();
    final List<ReportKind> unrecognised = new ArrayList<>();
    final List<Outcome> recorded = new ArrayList<>();
    /** Every untrusted, unrecognised and recorded count, as "untrusted:REASON", "recorded:OUTCOME"... */
    final List<String> calls = new ArrayList<>();

    @Override
    public void reportReceived(ReportKind kind) {
    }

    @Override
    public void recipientDropped() {
    }

    @Override
    public void untrustedRecord(Trust.Reason reason) {
        untrusted.add(reason);
        calls.add("untrusted:" + reason);
    }

    @Override
    public void unrecognised(ReportKind kind) {
        unrecognised.add(kind);
        calls.add("unrecognised:" + kind);
    }

    @Override
    public void recorded(Outcome outcome) {
        recorded.add(outcome);
        calls.add("recorded:" + outcome);
    }
}
