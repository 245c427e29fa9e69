package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jamesbounce.core.decode.Codes;
import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * 1&amp;1 / IONOS (kundenserver.de): an Exim-like text whose failed addresses stand alone on a line
 * (optionally ending in ":"), each followed by its reason, either directly ("SMTP error from remote
 * server ... reason: 550 5.2.0 ...") or after "For the following reason:". The returned headers
 * follow "--- The header of the original message is following. ---".
 */
public final class EinsUndEinsDecoder implements Decoder {
    private static final String START = "This message was created automatically by mail delivery software.";
    private static final String END = "--- The header of the original message is following. ---";
    private static final Pattern ADDRESS_LINE = Pattern.compile("^<?([^\\s<>@]+@[^\\s<>@]+?)>?:?$");

    @Override
    public String name() {
        return "einsundeins";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String from = message.from().toLowerCase(Locale.ROOT);
        if (!from.contains("kundenserver.de") && !from.contains("1and1") && !from.contains("ionos")) {
            return Optional.empty();
        }
        String text = message.noticeText();
        int start = text.indexOf(START);
        if (start < 0) {
            return Optional.empty();
        }
        int end = text.indexOf(END, start);
        String notice = text.substring(start + START.length(), end < 0 ? text.length() : end);
        List<DecodedRecipient> recipients = new ArrayList<>();
        String current = null;
        StringBuilder reason = new StringBuilder();
        for (String line : notice.split("\r?\n|\r")) {
            String t = line.strip();
            Matcher m = ADDRESS_LINE.matcher(t);
            if (m.matches()) {
                add(recipients, current, reason.toString());
                current = Addresses.normalise(m.group(1));
                reason.setLength(0);
            } else if (current != null && !t.isEmpty() && !t.equalsIgnoreCase("For the following reason:")) {
                reason.append(reason.length() > 0 ? " " : "").append(t);
            }
        }
        add(recipients, current, reason.toString());
        return Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    private static void add(List<DecodedRecipient> recipients, String address, String diagnostic) {
        if (address == null) {
            return;
        }
        DecodedRecipient.Builder b = DecodedRecipient.builder(address).action(Action.FAILED).diagnostic(diagnostic);
        Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
        recipients.add(b.build());
    }
}
