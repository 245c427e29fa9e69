package io.jamesbounce.ingest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.model.ReportKind;

/** What {@link ReportIngestion} made of one message: what the James glue turns into the mail's next state. */
public sealed interface IngestOutcome {
    /** What became of each recipient, in the order they were decided; empty when nothing was stored. */
    List<RecipientOutcome> recipients();

    /** Every recipient was decided (a delivery failure's unkeyable recipients left out, with a WARN). */
    record Stored(List<RecipientOutcome> recipients, Optional<Capped> capped) implements IngestOutcome {
        public Stored {
            recipients = List.copyOf(recipients);
            Objects.requireNonNull(capped, "capped");
        }
    }

    /**
     * For a person to look at: the message cannot be read, names no recipient, holds a value the store
     * refuses, or named more untrusted recipients than were worth keeping ({@code recipients} then holds
     * the ones stored).
     */
    record Unreadable(String cause, List<RecipientOutcome> recipients, Optional<Capped> capped) implements IngestOutcome {
        public Unreadable {
            Objects.requireNonNull(cause, "cause");
            recipients = List.copyOf(recipients);
            Objects.requireNonNull(capped, "capped");
        }

        static Unreadable because(String cause) {
            return new Unreadable(cause, List.of(), Optional.empty());
        }
    }

    /** An auto-reply or ordinary mail: nothing stored, the mail goes on as it is. */
    record NotAReport(ReportKind kind) implements IngestOutcome {
        public NotAReport {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public List<RecipientOutcome> recipients() {
            return List.of();
        }
    }

    /**
     * The report named more recipients than one report may act on: it suppressed nobody, and the
     * postmaster should hear of it.
     */
    record Capped(int records, String detail) {
        public Capped {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
