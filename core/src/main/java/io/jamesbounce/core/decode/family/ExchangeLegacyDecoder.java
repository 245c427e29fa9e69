package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * Microsoft Exchange 5.5 to 2003 (Internet Mail Service, Internet Mail Connector) non-delivery
 * reports: no DSN part, a text that lists each recipient as {@code address on date} followed by
 * indented lines with the reason and an {@code MSEXCH:} line carrying Exchange's own error code.
 */
public final class ExchangeLegacyDecoder implements Decoder {
    private static final String[] START = {"did not reach the following recipient(s):", "The following recipient(s) could not be reached:"};
    private static final Pattern RECIPIENT_LINE = Pattern.compile("^\\s*(?:.*?SMTP=)?(\\S+@\\S+?)\\s+on\\s+\\S");
    private static final int MAX_RECIPIENT_LINE = 512;
    private static final Pattern MSEXCH_CODE = Pattern.compile("\\(([0-9A-F]{8})\\)");
    /** Exchange's own error codes that name a cause by themselves. */
    private static final Map<String, Category> CODES = Map.of(
        "000C05A6", Category.USER_UNKNOWN,     // Unknown Recipient
        "00120270", Category.SYSTEM_ERROR);    // Too Many Hops

    @Override
    public String name() {
        return "exchange2003";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        if (!isExchange(message.headers())) {
            return Optional.empty();
        }
        String text = message.noticeText();
        int start = -1;
        for (String marker : START) {
            int i = text.indexOf(marker);
            if (i >= 0 && (start < 0 || i < start)) {
                start = i + marker.length();
            }
        }
        if (start < 0) {
            return Optional.empty();
        }
        List<DecodedRecipient> recipients = new ArrayList<>();
        String address = null;
        List<String> details = new ArrayList<>();
        boolean continuing = false;
        for (String line : FamilyNotices.lines(text.substring(start))) {
            // a recipient line is short; the pattern backtracks quadratically on a long run without blanks (fuzzing)
            Matcher m = RECIPIENT_LINE.matcher(line.length() <= MAX_RECIPIENT_LINE ? line : "");
            if (m.find() && Addresses.looksLikeAddress(m.group(1))) {
                if (address != null) {
                    recipients.add(build(address, details));
                }
                address = Addresses.normalise(m.group(1));
                details = new ArrayList<>();
                continuing = false;
            } else if (address == null) {
                continue;
            } else if (line.isBlank()) {
                if (!details.isEmpty()) {
                    recipients.add(build(address, details));
                    address = null;
                }
            } else if (Character.isWhitespace(line.charAt(0))) {
                // the MTS-ID line and its unindented continuation say nothing about the failure
                continuing = !line.strip().startsWith("The MTS-ID");
                if (continuing) {
                    details.add(line);
                }
            } else if (continuing) {
                // a long MSEXCH line folded without indentation
                details.add(line);
            }
        }
        if (address != null) {
            recipients.add(build(address, details));
        }
        if (recipients.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    private static DecodedRecipient build(String address, List<String> details) {
        String diagnostic = FamilyNotices.join(details);
        DecodedRecipient.Builder b = FamilyNotices.recipient(address, Action.FAILED, diagnostic);
        int msexch = diagnostic.indexOf("MSEXCH:");
        if (msexch >= 0) {
            Matcher m = MSEXCH_CODE.matcher(diagnostic);
            if (m.find(msexch) && CODES.containsKey(m.group(1))) {
                b.hint(CODES.get(m.group(1)), "exchange2003.msexch-" + m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return b.build();
    }

    private static boolean isExchange(Headers h) {
        if (h.has("X-MS-Embedded-Report")) {
            return true;
        }
        String mailer = h.firstOrEmpty("X-Mailer").strip();
        if (mailer.startsWith("Internet Mail Service (") || mailer.startsWith("Microsoft Exchange Server Internet Mail Connector")) {
            return true;
        }
        if (h.firstOrEmpty("X-MimeOLE").strip().startsWith("Produced By Microsoft Exchange")) {
            return true;
        }
        for (String received : h.all("Received")) {
            if (received.contains(" with Internet Mail Service (")) {
                return true;
            }
        }
        return false;
    }
}
