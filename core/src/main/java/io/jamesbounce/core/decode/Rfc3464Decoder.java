package io.jamesbounce.core.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.dsn.DeliveryStatus;
import io.jamesbounce.core.dsn.DeliveryStatusParser;
import io.jamesbounce.core.dsn.PerRecipientFields;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.mime.MimePart;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FieldValue;
import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.model.TypedValue;
import io.jamesbounce.core.text.Addresses;

/** Standard delivery status notifications: RFC 3464 message/delivery-status and RFC 6533 message/global-delivery-status. */
public final class Rfc3464Decoder implements Decoder {
    @Override
    public String name() {
        return "rfc3464";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        Optional<MimePart> part = message.firstPart(p -> p.depth() == 0
            && (p.mimeType().equals("message/delivery-status") || p.mimeType().equals("message/global-delivery-status")));
        if (part.isEmpty()) {
            return Optional.empty();
        }
        DeliveryStatus dsn = DeliveryStatusParser.parse(part.get().text());
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (PerRecipientFields f : dsn.recipients()) {
            recipient(f).ifPresent(recipients::add);
        }
        Optional<String> reportingMta = dsn.perMessage().reportingMta().flatMap(FieldValue::parsed).map(TypedValue::value);
        return Optional.of(new Decoded(ReportKind.BOUNCE, recipients, reportingMta, Optional.of(dsn), Optional.empty()));
    }

    /** One DSN recipient group as a decoded recipient; also used by family decoders that embed DSN fields in text. */
    public static Optional<DecodedRecipient> recipient(PerRecipientFields f) {
        Optional<String> finalRcpt = address(f.finalRecipient());
        Optional<String> original = address(f.originalRecipient());
        Optional<String> recipient = finalRcpt.or(() -> original)
            .or(() -> f.otherFields().stream().filter(h -> h.name().equalsIgnoreCase("X-Actual-Recipient"))
                .findFirst().flatMap(h -> Addresses.first(h.value())));
        if (recipient.isEmpty()) {
            return Optional.empty();
        }
        String diagnostic = f.diagnosticCode().flatMap(FieldValue::parsed).map(TypedValue::value).orElse("");
        Optional<EnhancedStatus> status = f.status().flatMap(FieldValue::parsed);
        Optional<Action> action = f.action().flatMap(FieldValue::parsed)
            .or(() -> status.map(s -> s.isPermanent() ? Action.FAILED : s.isTransient() ? Action.DELAYED : Action.DELIVERED));
        DecodedRecipient.Builder b = DecodedRecipient.builder(recipient.get())
            .action(action)
            .diagnostic(diagnostic)
            .remoteMta(f.remoteMta().flatMap(FieldValue::parsed).map(TypedValue::value).orElse(null))
            .lastAttempt(f.lastAttemptDate().map(FieldValue::verbatim).orElse(null));
        original.filter(o -> !o.equalsIgnoreCase(recipient.get())).ifPresent(b::originalRecipient);
        Codes.apply(b, status, diagnostic, CodeOrigin.DIAGNOSTIC_CODE);
        return Optional.of(b.build());
    }

    private static Optional<String> address(Optional<FieldValue<TypedValue>> field) {
        return field.flatMap(FieldValue::parsed).map(TypedValue::value).flatMap(Addresses::first);
    }
}
