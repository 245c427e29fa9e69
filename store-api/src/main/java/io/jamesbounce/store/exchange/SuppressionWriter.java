package io.jamesbounce.store.exchange;

import java.io.IOException;

import io.jamesbounce.store.Suppression;

/** Writes a suppression list one entry per call, in one {@link SuppressionListFormat}. */
public sealed interface SuppressionWriter permits CsvSuppressionWriter, JsonlSuppressionWriter {
    void write(Suppression suppression) throws IOException;
}
