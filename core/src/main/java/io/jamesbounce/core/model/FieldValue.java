package io.jamesbounce.core.model;

import java.util.Objects;
import java.util.Optional;

/** A report field as written (verbatim, unfolded) beside its parsed form, empty when it did not parse. */
public record FieldValue<T>(String verbatim, Optional<T> parsed) {
    public FieldValue {
        Objects.requireNonNull(verbatim, "verbatim");
        Objects.requireNonNull(parsed, "parsed");
    }
}
