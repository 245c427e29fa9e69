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
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * qmail-send's notices and the qmail derivatives that kept its layout (large webmail providers'
 * "Unable to deliver message to the following address(es)." and ISP variants): after an opening
 * sentence, each failed address stands alone as "&lt;address&gt;:" and the lines up to the next
 * address, blank line or "--- Below this line ..." explain the failure.
 */
public final class QmailDecoder implements Decoder {
    /** Opening sentences, each written by qmail or a qmail derivative only. */
    private static final String[] STARTS = {
        "This is the qmail-send program at",
        "Unable to deliver message to the following address(es).",
        "Your mail message to the following address(es) could not be delivered.",
    };
    private static final Pattern ADDRESS_LINE = Pattern.compile("^<" + FamilyNotices.ADDRESS + ">:\\s*(.*)$");

    @Override
    public String name() {
        return "qmail";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String text = message.noticeText();
        if (text.isBlank()) {
            text = message.root().text();
        }
        int start = -1;
        for (String s : STARTS) {
            int i = text.indexOf(s);
            if (i >= 0 && (start < 0 || i < start)) {
                start = i;
            }
        }
        if (start < 0) {
            return Optional.empty();
        }
        List<String> lines = FamilyNotices.lines(text.substring(start));
        List<String> addresses = new ArrayList<>();
        List<List<String>> paragraphs = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("--- ")) {
                break;
            }
            Matcher m = ADDRESS_LINE.matcher(line.strip());
            if (m.matches() && Addresses.looksLikeAddress(m.group(1))) {
                addresses.add(Addresses.normalise(m.group(1)));
                List<String> p = new ArrayList<>();
                if (!m.group(2).isBlank()) {
                    p.add(m.group(2));
                }
                paragraphs.add(p);
            } else if (!paragraphs.isEmpty()) {
                List<String> p = paragraphs.get(paragraphs.size() - 1);
                if (line.isBlank()) {
                    if (!p.isEmpty()) {
                        p.add("");
                    }
                } else if (p.isEmpty() || !p.get(p.size() - 1).isEmpty()) {
                    p.add(line);
                }
            }
        }
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            String address = addresses.get(i);
            if (recipients.stream().anyMatch(r -> r.recipient().equalsIgnoreCase(address))) {
                continue;
            }
            String diagnostic = FamilyNotices.join(paragraphs.get(i));
            DecodedRecipient.Builder b = DecodedRecipient.builder(address).action(Action.FAILED).diagnostic(diagnostic);
            Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
            hint(b, diagnostic);
            recipients.add(b.build());
        }
        return recipients.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    /** qmail-send's and qmail-local's own sentences (not a remote server's reply). */
    private static void hint(DecodedRecipient.Builder b, String diagnostic) {
        String lower = diagnostic.toLowerCase(Locale.ROOT);
        if (lower.contains("remote host said:")) {
            return;
        }
        if (lower.startsWith("sorry, no mailbox here by that name")) {
            b.hint(Category.USER_UNKNOWN, "qmail.no-mailbox");
        } else if (lower.startsWith("sorry, i couldn't find any host named") || lower.startsWith("sorry, i couldn't find any host by that name")) {
            b.hint(Category.BAD_DOMAIN, "qmail.no-host");
        } else if (lower.startsWith("i'm not going to try again; this message has been in the queue too long")) {
            // only when no deferral reason precedes it: otherwise that reason is the better cause
            b.hint(Category.EXPIRED, "qmail.queue-too-long");
        }
    }
}
