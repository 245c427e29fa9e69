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
 * Trustwave (Marshal) MailMarshal SMTP: "Could not be delivered because of" and the reason
 * paragraph, then "The following recipients were affected:" with one indented address a line,
 * then "Additional Information" naming the Remote-MTA.
 */
public final class MailMarshalDecoder implements Decoder {
    private static final String REASON = "Could not be delivered because of";
    private static final String RECIPIENTS = "The following recipients were affected:";
    private static final String REMOTE_MTA = "Remote-MTA:";

    @Override
    public String name() {
        return "mailmarshal";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        if (!message.subject().startsWith("Undeliverable Mail: \"")) {
            return Optional.empty();
        }
        String text = message.noticeText();
        int reason = text.indexOf(REASON);
        int affected = text.indexOf(RECIPIENTS);
        if (reason < 0 || affected < reason) {
            return Optional.empty();
        }
        String diagnostic = FamilyNotices.join(FamilyNotices.lines(text.substring(reason + REASON.length(), affected)));
        String remoteMta = null;
        int remote = text.indexOf(REMOTE_MTA, affected);
        if (remote >= 0) {
            String line = FamilyNotices.lines(text.substring(remote + REMOTE_MTA.length())).get(0).strip();
            remoteMta = line.replace("<", "").replace(">", "").strip();
        }
        List<DecodedRecipient> recipients = new ArrayList<>();
        boolean started = false;
        for (String line : FamilyNotices.lines(text.substring(affected + RECIPIENTS.length()))) {
            String t = line.strip();
            if (t.isEmpty()) {
                if (started) {
                    break;
                }
                continue;
            }
            if (!Addresses.looksLikeAddress(t)) {
                if (started) {
                    break;
                }
                continue;
            }
            started = true;
            recipients.add(FamilyNotices.recipient(Addresses.normalise(t), Action.FAILED, diagnostic).remoteMta(remoteMta).build());
        }
        return recipients.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }
}
