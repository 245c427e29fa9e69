package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.decode.Rfc3464Decoder;
import io.jamesbounce.core.dsn.DeliveryStatus;
import io.jamesbounce.core.dsn.DeliveryStatusParser;
import io.jamesbounce.core.dsn.PerRecipientFields;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.FieldValue;
import io.jamesbounce.core.model.TypedValue;

/**
 * Amazon WorkMail: a text/plain notice ("An error occurred while trying to deliver the mail to the
 * following recipients:") that carries the DSN fields as text after "Technical report:" instead
 * of in a message/delivery-status part. Those fields are read as a DSN.
 */
public final class AmazonWorkMailDecoder implements Decoder {
    private static final String START = "An error occurred while trying to deliver the mail to the following recipients:";
    private static final String REPORT = "Technical report:";

    @Override
    public String name() {
        return "amazonworkmail";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String text = message.noticeText();
        if (!text.contains(REPORT) || !FamilyNotices.containsIgnoreCase(text, START)) {
            return Optional.empty();
        }
        String fields = text.substring(text.indexOf(REPORT) + REPORT.length()).stripLeading();
        DeliveryStatus dsn = DeliveryStatusParser.parse(fields);
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (PerRecipientFields f : dsn.recipients()) {
            Rfc3464Decoder.recipient(f).ifPresent(recipients::add);
        }
        Optional<String> reportingMta = dsn.perMessage().reportingMta().flatMap(FieldValue::parsed).map(TypedValue::value);
        return Optional.of(Decoded.bounce(recipients, reportingMta));
    }
}
