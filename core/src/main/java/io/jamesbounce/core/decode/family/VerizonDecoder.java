package io.jamesbounce.core.decode.family;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.text.Addresses;

/**
 * Verizon Wireless gateways: the MMS centre (vzwpix.com: "Message could not be delivered to
 * mobile. Error: ...", the recipient in the quoted "Original Message" To line) and the SMS gateway
 * (vtext.com: "Error message below:" with the SMTP reply, the recipient on a "RCPT TO:" line).
 */
public final class VerizonDecoder implements Decoder {
    private static final Pattern RCPT_TO = Pattern.compile("(?m)^\\s*RCPT TO:\\s*<?([^\\s<>]+@[^\\s<>]+)>?");
    private static final Pattern ORIGINAL_TO = Pattern.compile("(?m)^To:\\s*(.+)$");
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^Error:\\s*(.+)$");

    @Override
    public String name() {
        return "verizon";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String from = message.from().toLowerCase(Locale.ROOT);
        if (!from.contains("@vtext.com") && !from.contains("vzwpix.com")) {
            return Optional.empty();
        }
        String text = Notices.text(message);
        Optional<String> recipient;
        String diagnostic;
        int below = text.indexOf("Error message below:");
        if (below >= 0) {
            Matcher rcpt = RCPT_TO.matcher(text);
            recipient = rcpt.find() ? Optional.of(Addresses.normalise(rcpt.group(1))) : Optional.empty();
            List<String> lines = Notices.lines(text.substring(below + "Error message below:".length()));
            StringBuilder sb = new StringBuilder();
            for (String line : lines) {
                if (line.isBlank()) {
                    if (sb.length() > 0) {
                        break;
                    }
                    continue;
                }
                sb.append(sb.length() > 0 ? " " : "").append(line.strip());
            }
            diagnostic = sb.toString();
        } else {
            int original = text.indexOf("Original Message:");
            if (original < 0) {
                return Optional.empty();
            }
            Matcher to = ORIGINAL_TO.matcher(text.substring(original));
            recipient = to.find() ? Addresses.first(to.group(1)) : Optional.empty();
            Matcher error = ERROR_LINE.matcher(text.substring(0, original));
            diagnostic = error.find() ? error.group(1).strip() : Notices.join(Notices.lines(text.substring(0, original)));
        }
        return recipient.map(r -> Decoded.bounce(List.of(Notices.recipient(r, Action.FAILED, diagnostic).build()), Optional.empty()));
    }
}
