package io.jamesbounce.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one message is: its kind, the decoder that read it, a record per recipient, and what it
 * says of the original message. An unparseable message carries the reason in {@code problem}.
 */
public record Report(ReportKind kind, String decoder, List<BounceRecord> records,
                     Optional<OriginalMessage> originalMessage, Optional<String> problem) {
    public Report {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(decoder, "decoder");
        records = List.copyOf(records);
        Objects.requireNonNull(originalMessage, "originalMessage");
        Objects.requireNonNull(problem, "problem");
    }

    public static Report unparseable(String reason) {
        return new Report(ReportKind.UNPARSEABLE, "none", List.of(), Optional.empty(), Optional.of(reason));
    }

    public static Report of(ReportKind kind, String decoder) {
        return new Report(kind, decoder, List.of(), Optional.empty(), Optional.empty());
    }
}
