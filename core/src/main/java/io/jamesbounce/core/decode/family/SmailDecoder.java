package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * smail's notices: sections between rules ("|---- Message log follows: ----|", "|---- Failed
 * addresses follow: ----|", "|---- Message text follows: ----|"); each failed address stands on
 * its own line as "address ... reason".
 */
public final class SmailDecoder implements Decoder {
    private static final String FAILED = "Failed addresses follow:";
    private static final String SEPARATOR = " ... ";

    @Override
    public String name() {
        return "smail";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String text = message.noticeText();
        int at = text.indexOf(FAILED);
        if (at < 0) {
            return Optional.empty();
        }
        List<DecodedRecipient> recipients = new ArrayList<>();
        List<String> lines = FamilyNotices.lines(text.substring(at + FAILED.length()));
        for (int i = 1; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.startsWith("|--") || t.startsWith("-----")) {
                break;
            }
            int sep = t.indexOf(SEPARATOR);
            String address = Addresses.normalise(sep < 0 ? t : t.substring(0, sep));
            if (!Addresses.looksLikeAddress(address) || recipients.stream().anyMatch(r -> r.recipient().equalsIgnoreCase(address))) {
                continue;
            }
            String reason = sep < 0 ? "" : t.substring(sep + SEPARATOR.length()).strip();
            recipients.add(FamilyNotices.recipient(address, Action.FAILED, reason).build());
        }
        return recipients.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }
}
