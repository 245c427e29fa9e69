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
 * Apache James' own notice (its Bounce and NotifySender mailets): a headline "Error: ...", the
 * error under "Error message below:", then "Message details:" listing the envelope, whose
 * "RCPT TO:" line names the recipients.
 */
public final class ApacheJamesDecoder implements Decoder {
    private static final String DETAILS = "Message details:";
    private static final String ERROR_BELOW = "Error message below:";
    private static final String RCPT_TO = "RCPT TO:";

    @Override
    public String name() {
        return "apache-james";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String text = message.noticeText();
        int details = text.indexOf(DETAILS);
        if (details < 0 || text.indexOf(ERROR_BELOW) < 0) {
            return Optional.empty();
        }
        List<String> lines = FamilyNotices.lines(text);
        String diagnostic = errorText(lines);
        List<String> addresses = new ArrayList<>();
        boolean inDetails = false;
        for (String line : lines) {
            String t = line.strip();
            if (t.equals(DETAILS)) {
                inDetails = true;
            } else if (inDetails && FamilyNotices.startsWithIgnoreCase(t, RCPT_TO)) {
                Addresses.all(t.substring(RCPT_TO.length())).stream().filter(a -> !addresses.contains(a)).forEach(addresses::add);
            }
        }
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (String address : addresses) {
            recipients.add(FamilyNotices.recipient(address, Action.FAILED, diagnostic).build());
        }
        return recipients.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    /** The lines under "Error message below:" up to "Message details:", else the "Error:" headline. */
    private static String errorText(List<String> lines) {
        List<String> below = new ArrayList<>();
        String headline = "";
        boolean inError = false;
        for (String line : lines) {
            String t = line.strip();
            if (t.equals(DETAILS)) {
                break;
            }
            if (t.equals(ERROR_BELOW)) {
                inError = true;
            } else if (inError) {
                below.add(t);
            } else if (headline.isEmpty() && t.startsWith("Error:")) {
                headline = t.substring("Error:".length()).strip();
            }
        }
        String error = FamilyNotices.join(below);
        return error.isEmpty() ? headline : error;
    }
}
