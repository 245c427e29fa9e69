package io.jamesbounce.core.dsn;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.model.FieldValue;
import io.jamesbounce.core.model.TypedValue;

/** RFC 3464 section 2.2 per-message fields; any other field is kept in {@code otherFields}. */
public record PerMessageFields(Optional<FieldValue<TypedValue>> reportingMta,
                               Optional<FieldValue<OffsetDateTime>> arrivalDate,
                               Optional<String> originalEnvelopeId,
                               Optional<FieldValue<TypedValue>> receivedFromMta,
                               List<Headers.Field> otherFields) {
    public PerMessageFields {
        otherFields = List.copyOf(otherFields);
    }
}
