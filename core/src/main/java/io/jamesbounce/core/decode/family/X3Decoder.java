package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.decode.Codes;
import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * An unnamed mail server (Sisimai's "X3"): "This is an automatically generated Delivery Status
 * Notification.", the recipients as "* address" lines, then a "Technical details:" block framed by
 * lines of "=" signs. Used when its message carries no readable delivery-status entity.
 */
public final class X3Decoder implements Decoder {
    private static final String START = "This is an automatically generated Delivery Status Notification.";
    private static final String DETAILS = "Technical details:";

    @Override
    public String name() {
        return "x3";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String text = message.noticeText();
        if (!text.contains(START)) {
            return Optional.empty();
        }
        List<String> lines = FamilyNotices.lines(text);
        List<String> addresses = new ArrayList<>();
        boolean aborted = false;
        int details = FamilyNotices.indexOfLine(lines, 0, DETAILS);
        for (int i = FamilyNotices.indexOfLine(lines, 0, START) + 1; i < lines.size() && (details < 0 || i < details); i++) {
            String t = lines.get(i).strip();
            if (t.contains("to the following recipients was aborted after")) {
                aborted = true;
            }
            if (t.startsWith("* ") && Addresses.looksLikeAddress(t.substring(2).strip())) {
                addresses.add(Addresses.normalise(t.substring(2).strip()));
            }
        }
        List<String> technical = new ArrayList<>();
        for (int i = details + 1; details >= 0 && i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.startsWith("=====")) {
                break;
            }
            technical.add(t);
        }
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (String address : addresses) {
            String diagnostic = FamilyNotices.join(technical.stream().filter(l -> addresses.size() == 1
                || l.toLowerCase().contains(address.toLowerCase())).toList());
            DecodedRecipient.Builder b = DecodedRecipient.builder(address).action(Action.FAILED).diagnostic(diagnostic);
            Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
            if (aborted) {
                // "Delivery ... was aborted after N hour(s)": the server's own words for giving up
                b.hint(Category.EXPIRED, "x3.aborted");
            }
            recipients.add(b.build());
        }
        return recipients.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }
}
