package io.jamesbounce.core.decode;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.text.Addresses;

/**
 * One-click unsubscribe requests that mail clients send on the user's behalf (Apple Mail marks them
 * X-Apple-Unsubscribe): feedback of type opt-out from the address that no longer wants our mail.
 */
public final class UnsubscribeRequestDecoder implements Decoder {
    @Override
    public String name() {
        return "unsubscribe-request";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String marker = message.headers().firstOrEmpty("X-Apple-Unsubscribe").toLowerCase(Locale.ROOT);
        if (!marker.equals("true")) {
            return Optional.empty();
        }
        List<DecodedRecipient> who = Addresses.first(message.from()).map(a -> List.of(DecodedRecipient.builder(a).build()))
            .orElse(List.of());
        return Optional.of(Decoded.feedback(who, Optional.empty(), FeedbackType.OPT_OUT));
    }
}
