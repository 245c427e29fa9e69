package io.jamesbounce.core.model;

import java.util.Objects;

/** A parsed value with where it was read. */
public record Sourced<T>(T value, CodeOrigin origin) {
    public Sourced {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }
}
