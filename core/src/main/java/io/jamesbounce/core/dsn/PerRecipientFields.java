package io.jamesbounce.core.dsn;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FieldValue;
import io.jamesbounce.core.model.TypedValue;

/**
 * RFC 3464 section 2.3 per-recipient fields (and their RFC 6533 UTF-8 forms). The diagnostic
 * code's value is unfolded: continuation lines are joined with one space.
 */
public record PerRecipientFields(Optional<FieldValue<TypedValue>> originalRecipient,
                                 Optional<FieldValue<TypedValue>> finalRecipient,
                                 Optional<FieldValue<Action>> action,
                                 Optional<FieldValue<EnhancedStatus>> status,
                                 Optional<FieldValue<TypedValue>> remoteMta,
                                 Optional<FieldValue<TypedValue>> diagnosticCode,
                                 Optional<FieldValue<OffsetDateTime>> lastAttemptDate,
                                 Optional<FieldValue<OffsetDateTime>> willRetryUntil,
                                 List<Headers.Field> otherFields) {
    public PerRecipientFields {
        otherFields = List.copyOf(otherFields);
    }
}
