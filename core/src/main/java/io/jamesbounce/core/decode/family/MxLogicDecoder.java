package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * MXLogic (McAfee SaaS Email Protection) gateways. Their MTA writes Exim-style text: after "The
 * following address(es) failed:" each failed address on an indented line, its reason after a colon
 * or on the deeper-indented lines below; then "Included is a copy of the message header:".
 */
public final class MxLogicDecoder implements Decoder {
    private static final Pattern FAILED = Pattern.compile("following address(?:\\(es\\)|es)? failed:");
    private static final Pattern ADDRESS_LINE = Pattern.compile("^\\s{1,3}<?([^\\s<>:@]++@[^\\s<>:]++)>?:?\\s*(.*)$");
    private static final String[] END = {"Included is a copy of the message header", "------ This is a copy of the message"};

    @Override
    public String name() {
        return "mxlogic";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        if (!isMxLogic(message)) {
            return Optional.empty();
        }
        String text = message.noticeText();
        Matcher failed = FAILED.matcher(text);
        if (!failed.find()) {
            return Optional.empty();
        }
        String block = text.substring(failed.end());
        for (String end : END) {
            int i = block.indexOf(end);
            if (i >= 0) {
                block = block.substring(0, i);
            }
        }
        Action action = text.contains("This is a permanent error") || !text.contains("temporary") ? Action.FAILED : Action.DELAYED;
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : FamilyNotices.lines(block)) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = ADDRESS_LINE.matcher(line);
            if (m.find() && Addresses.looksLikeAddress(m.group(1))) {
                current = reasons.computeIfAbsent(Addresses.normalise(m.group(1)), k -> new ArrayList<>());
                if (!m.group(2).isBlank()) {
                    current.add(m.group(2));
                }
            } else if (current != null && line.startsWith("    ")) {
                current.add(line);
            }
        }
        List<DecodedRecipient> recipients = new ArrayList<>();
        reasons.forEach((address, lines) -> recipients.add(FamilyNotices.recipient(address, action, FamilyNotices.join(lines)).build()));
        return recipients.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    private static boolean isMxLogic(MailMessage message) {
        Headers h = message.headers();
        if (h.has("X-MX-Bounce") || h.has("X-MXL-Hash") || h.has("X-MXL-NoteHash") || message.from().contains(".mxlogic.net")) {
            return true;
        }
        for (String received : h.all("Received")) {
            if (received.contains("(mxl_mta-")) {
                return true;
            }
        }
        return false;
    }
}
