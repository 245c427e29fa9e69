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
 * Digital Arts m-FILTER (Japanese gateway): a Japanese preamble, the failed addresses one a line,
 * then the sections "-------server message" (the remote reply), "-------SMTP command" and
 * "-------original message".
 */
public final class MFilterDecoder implements Decoder {
    private static final String SERVER_MESSAGE = "-------server message";
    private static final String SECTION = "-------";

    @Override
    public String name() {
        return "mfilter";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        boolean mailer = message.headers().firstOrEmpty("X-Mailer").strip().equals("m-FILTER");
        if (!mailer && !message.subject().strip().equals("failure notice")) {
            return Optional.empty();
        }
        String text = message.noticeText();
        int server = text.indexOf(SERVER_MESSAGE);
        if (server < 0 || !text.contains("-------SMTP command")) {
            return Optional.empty();
        }
        List<String> reply = new ArrayList<>();
        for (String line : FamilyNotices.lines(text.substring(server + SERVER_MESSAGE.length()))) {
            if (line.startsWith(SECTION) || line.isBlank() && !reply.isEmpty()) {
                break;
            }
            reply.add(line);
        }
        String diagnostic = FamilyNotices.join(reply);
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (String line : FamilyNotices.lines(text.substring(0, server))) {
            String t = line.strip();
            if (Addresses.looksLikeAddress(t)) {
                recipients.add(FamilyNotices.recipient(Addresses.normalise(t), Action.FAILED, diagnostic).build());
            }
        }
        return recipients.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }
}
