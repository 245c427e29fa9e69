package io.jamesbounce.store.exchange;

import java.util.Objects;

import io.jamesbounce.store.Suppression;

/** One record read from a suppression list: a valid entry or the reason it was not. */
public sealed interface ImportRow permits ImportRow.Accepted, ImportRow.Rejected {
    /** The line the record starts on (the CSV header is line 1). */
    long line();

    record Accepted(long line, Suppression suppression) implements ImportRow {
        public Accepted {
            Objects.requireNonNull(suppression, "suppression");
        }
    }

    record Rejected(long line, String reason) implements ImportRow {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
