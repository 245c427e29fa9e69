package io.jamesbounce.core.trust;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.text.Addresses;

/**
 * How a report reached us, which the report's content cannot forge: the envelope recipient (for a
 * bounce, the return path it came back to), the envelope sender, and the Authentication-Results
 * fields in header order, topmost first: the first is the one our receiving server added.
 */
public record Arrival(String envelopeRecipient, Optional<String> envelopeSender, Optional<String> from,
                      List<String> authenticationResults) {
    public Arrival {
        Objects.requireNonNull(envelopeRecipient, "envelopeRecipient");
        Objects.requireNonNull(envelopeSender, "envelopeSender");
        Objects.requireNonNull(from, "from");
        authenticationResults = List.copyOf(authenticationResults);
    }

    /** A report that came back to this envelope recipient, nothing else known. */
    public static Arrival at(String envelopeRecipient) {
        return new Arrival(envelopeRecipient, Optional.empty(), Optional.empty(), List.of());
    }

    /** The envelope from the mail server, the rest from the report's own top-level header. */
    public static Arrival of(String envelopeRecipient, Optional<String> envelopeSender, Headers headers) {
        return new Arrival(envelopeRecipient, envelopeSender, headers.first("From").flatMap(Addresses::first),
            headers.all("Authentication-Results"));
    }
}
