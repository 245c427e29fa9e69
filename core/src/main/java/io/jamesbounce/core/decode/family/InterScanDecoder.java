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
 * Trend Micro InterScan Messaging Security Suite / InterScan MSS gateways. The notice either quotes
 * the SMTP exchange ({@code Sent <<< RCPT TO:<address>} then {@code Received >>> 550 ...}) or says
 * {@code Unable to deliver message to <address>}; the subject may be Japanese.
 */
public final class InterScanDecoder implements Decoder {
    private static final String[] SUBJECTS = {"Mail could not be delivered", "メッセージを配信できません。", "メール配信に失敗しました"};
    private static final Pattern SENT_RCPT = Pattern.compile("<<<\\s*RCPT TO:\\s*<?" + FamilyNotices.ADDRESS + ">?", Pattern.CASE_INSENSITIVE);
    private static final Pattern RECEIVED = Pattern.compile(">>>\\s*(.+)$");
    private static final Pattern UNABLE = Pattern.compile("Unable to deliver (?:the )?message to <" + FamilyNotices.ADDRESS + ">");

    @Override
    public String name() {
        return "interscan";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String from = message.from();
        String subject = message.subject().strip();
        boolean match = from.contains("\"InterScan MSS\"") || from.contains("\"InterScan Notification\"")
            || message.headers().firstOrEmpty("Content-Type").contains("InterScan_NT_MIME_Boundary");
        for (String s : SUBJECTS) {
            match |= subject.equals(s);
        }
        if (!match) {
            return Optional.empty();
        }
        Map<String, String> diagnostics = new LinkedHashMap<>();
        String current = null;
        for (String raw : FamilyNotices.lines(message.noticeText())) {
            String line = raw.strip();
            Matcher sent = SENT_RCPT.matcher(line);
            Matcher unable = UNABLE.matcher(line);
            if (sent.find() && Addresses.looksLikeAddress(sent.group(1))) {
                current = Addresses.normalise(sent.group(1));
                diagnostics.putIfAbsent(current, "");
            } else if (unable.find() && Addresses.looksLikeAddress(unable.group(1))) {
                current = Addresses.normalise(unable.group(1));
                String sentence = line.startsWith("Reason:") ? line.substring("Reason:".length()).strip() : line;
                diagnostics.put(current, sentence);
            } else if (current != null && line.contains(">>>")) {
                Matcher received = RECEIVED.matcher(line);
                // a 2xx reply is the part of the dialogue that went well
                if (received.find() && !received.group(1).startsWith("2")) {
                    diagnostics.put(current, received.group(1).strip());
                }
            }
        }
        if (diagnostics.isEmpty()) {
            return Optional.empty();
        }
        List<DecodedRecipient> recipients = new ArrayList<>();
        diagnostics.forEach((address, diagnostic) -> recipients.add(FamilyNotices.recipient(address, Action.FAILED, diagnostic).build()));
        return Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }
}
