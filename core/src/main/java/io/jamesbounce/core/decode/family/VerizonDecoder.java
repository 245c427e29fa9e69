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
 * Verizon Wireless' MMS centre (vzwpix.com): "Message could not be delivered to mobile. Error:
 * ...", the recipient in the quoted "Original Message" To line. (Its SMS gateway, vtext.com, runs
 * Apache James and writes James' notice: {@link ApacheJamesDecoder}.)
 */
public final class VerizonDecoder implements Decoder {
    private static final Pattern ORIGINAL_TO = Pattern.compile("(?m)^To:\\s*(.+)$");
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^Error:\\s*(.+)$");

    @Override
    public String name() {
        return "verizon";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String from = message.from().toLowerCase(Locale.ROOT);
        if (!from.contains("vzwpix.com")) {
            return Optional.empty();
        }
        String text = message.noticeText();
        int original = text.indexOf("Original Message:");
        if (original < 0) {
            return Optional.empty();
        }
        Matcher to = ORIGINAL_TO.matcher(text.substring(original));
        Optional<String> recipient = to.find() ? Addresses.first(to.group(1)) : Optional.empty();
        Matcher error = ERROR_LINE.matcher(text.substring(0, original));
        String diagnostic = error.find() ? error.group(1).strip() : FamilyNotices.join(FamilyNotices.lines(text.substring(0, original)));
        return recipient.map(r -> Decoded.bounce(List.of(FamilyNotices.recipient(r, Action.FAILED, diagnostic).build()), Optional.empty()));
    }
}
