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
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * Microsoft Exchange 2007 and later, Exchange Online and Outlook.com non-delivery reports that come
 * without a delivery-status part (forwarded, or stripped on the way). Their section "Diagnostic
 * information for administrators" names each recipient on a line of its own, then the remote
 * server's reply ({@code Remote Server returned '...'} or {@code #550 5.1.1 ... ##}).
 */
public final class ExchangeNdrDecoder implements Decoder {
    private static final String ADMIN_SECTION = "Diagnostic information for administrators:";
    private static final String[] END = {"Original message headers:", "Original Message Headers"};
    private static final int MAX_PENDING = 2048;
    private static final int MAX_PENDING_LINES = 16;
    private static final Pattern RETURNED = Pattern.compile("returned '(.*)'\\s*$");
    private static final Pattern HASHED = Pattern.compile("^#\\s*<?(.*?)>?\\s*#(?:#|SMTP#)?\\s*$");
    private static final Pattern DELAY = Pattern.compile("(?i)^delivery (is )?delayed|has not been delivered to these recipients or groups yet|delivery is delayed to these recipients");

    @Override
    public String name() {
        return "exchange";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        boolean ndrHeader = message.headers().has("X-MS-Exchange-Message-Is-Ndr");
        String text = message.noticeText();
        int section = text.indexOf(ADMIN_SECTION);
        if (section < 0 || !(ndrHeader || message.subject().startsWith("Undeliverable:")
            || message.subject().startsWith("Delivery delayed:") || text.contains("Generating server:"))) {
            return Optional.empty();
        }
        String admin = text.substring(section + ADMIN_SECTION.length());
        for (String end : END) {
            int i = admin.indexOf(end);
            if (i >= 0) {
                admin = admin.substring(0, i);
            }
        }
        Action action = DELAY.matcher(message.subject()).find() || DELAY.matcher(text.substring(0, section)).find()
            ? Action.DELAYED : Action.FAILED;
        Map<String, String> diagnostics = new LinkedHashMap<>();
        String current = null;
        List<String> pending = new ArrayList<>();
        for (String raw : FamilyNotices.lines(admin)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("Generating server:") || line.startsWith("Receiving server:")) {
                continue;
            }
            if (Addresses.looksLikeAddress(line)) {
                current = Addresses.normalise(line);
                diagnostics.putIfAbsent(current, "");
                continue;
            }
            if (current == null || !diagnostics.get(current).isEmpty()) {
                continue;
            }
            pending.add(line);
            String joined = FamilyNotices.join(pending);
            if (joined.length() > MAX_PENDING || pending.size() > MAX_PENDING_LINES) {
                // no reply spans kilobytes or dozens of lines; every line re-joins and re-searches the pending
                // text, so both bounds keep the work linear in the notice (fuzzing: thousands of one-character lines)
                pending.clear();
                continue;
            }
            Matcher returned = RETURNED.matcher(joined);
            Matcher hashed = HASHED.matcher(joined);
            if (returned.find()) {
                diagnostics.put(current, returned.group(1).strip());
                pending.clear();
            } else if (joined.startsWith("#") && hashed.find()) {
                diagnostics.put(current, hashed.group(1).strip());
                pending.clear();
            } else if (!joined.contains("returned '") && !joined.startsWith("#")) {
                // a remote host name line between the address and the reply
                pending.clear();
            }
        }
        if (diagnostics.isEmpty()) {
            return Optional.empty();
        }
        List<DecodedRecipient> recipients = new ArrayList<>();
        diagnostics.forEach((address, diagnostic) -> recipients.add(FamilyNotices.recipient(address, action, diagnostic).build()));
        return Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }
}
