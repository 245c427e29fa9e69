package io.jamesbounce.core.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.text.Addresses;

/**
 * Microsoft's Junk Mail Reporting Program (Outlook.com, Hotmail): not ARF, but the complained-about
 * message attached whole, its recipient in an X-HmXmrOriginalRecipient header.
 */
public final class JmrpDecoder implements Decoder {
    private static final String RECIPIENT_HEADER = "X-HmXmrOriginalRecipient";

    @Override
    public String name() {
        return "jmrp";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        Optional<Headers> attached = message.attachedMessage().map(p -> p.headers());
        boolean marked = attached.map(h -> h.has(RECIPIENT_HEADER)).orElse(false);
        boolean fromMicrosoft = message.from().toLowerCase(Locale.ROOT).contains("staff@hotmail.com")
            && message.subject().toLowerCase(Locale.ROOT).contains("complaint about message");
        if (!marked && !fromMicrosoft || attached.isEmpty()) {
            return Optional.empty();
        }
        List<String> addresses = new ArrayList<>();
        for (String value : attached.get().all(RECIPIENT_HEADER)) {
            Addresses.all(value).stream().filter(a -> !addresses.contains(a)).forEach(addresses::add);
        }
        if (addresses.isEmpty()) {
            for (String to : attached.get().all("To")) {
                Addresses.all(to).stream().filter(a -> !addresses.contains(a)).forEach(addresses::add);
            }
        }
        List<DecodedRecipient> recipients = addresses.stream().map(a -> DecodedRecipient.builder(a).build()).toList();
        return Optional.of(Decoded.feedback(recipients, Optional.of("JMRP"), FeedbackType.ABUSE));
    }
}
