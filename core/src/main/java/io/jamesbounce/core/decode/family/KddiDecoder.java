package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.decode.Codes;
import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * KDDI au one net (dion.ne.jp): an optional Japanese explanation, then "Your mail sent on: ...",
 * "Could not be delivered to: &lt;address&gt;" and the cause on the next line ("As their mailbox
 * is full.").
 */
public final class KddiDecoder implements Decoder {
    private static final String MARKER = "Could not be delivered to:";

    @Override
    public String name() {
        return "kddi";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String from = message.from().toLowerCase(Locale.ROOT);
        if (!from.contains("dion.ne.jp") && !from.contains("auone-net.jp") && !from.contains("kddi")) {
            return Optional.empty();
        }
        String text = message.noticeText();
        if (!text.contains(MARKER)) {
            return Optional.empty();
        }
        List<DecodedRecipient> recipients = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r");
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf(MARKER);
            if (at < 0) {
                continue;
            }
            Optional<String> address = Addresses.first(lines[i].substring(at + MARKER.length()));
            if (address.isEmpty()) {
                continue;
            }
            StringBuilder cause = new StringBuilder();
            for (int j = i + 1; j < lines.length && !lines[j].isBlank() && !lines[j].contains(MARKER); j++) {
                cause.append(cause.length() > 0 ? " " : "").append(lines[j].strip());
            }
            String diagnostic = cause.toString();
            DecodedRecipient.Builder b = DecodedRecipient.builder(address.get()).action(Action.FAILED).diagnostic(diagnostic);
            Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
            recipients.add(b.build());
        }
        return Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }
}
