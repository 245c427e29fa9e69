package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * IBM/HCL Lotus Domino and the older Lotus Notes SMTP MTA. Domino writes "Your message ... was not
 * delivered to: (addresses) because: (reason)"; the Notes MTA writes a "Failure Reasons" block in
 * which each reason line precedes the address it concerns. Either may come with a DSN part, which
 * the standard decoder reads first.
 */
public final class DominoDecoder implements Decoder {
    private static final String NOT_DELIVERED = "was not delivered to:";
    private static final String BECAUSE = "because:";
    private static final String FAILURE_REASONS = "------- Failure Reasons";
    private static final String RETURNED = "------- Returned Message";
    /** Domino's own wording (and its Japanese edition) for an address missing from the directory. */
    private static final String[] NOT_IN_DIRECTORY = {"not listed in domino directory", "not listed in public name & address book",
        "ディレクトリのリストにありません"};

    @Override
    public String name() {
        return "domino";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String subject = message.subject();
        String text = message.noticeText();
        List<DecodedRecipient> recipients;
        if ((subject.startsWith("DELIVERY FAILURE:") || subject.startsWith("DELIVERY_FAILURE:") || text.contains("Domino"))
            && text.contains(NOT_DELIVERED)) {
            recipients = domino(text);
        } else if (text.contains(FAILURE_REASONS)) {
            recipients = notes(text);
        } else {
            return Optional.empty();
        }
        return recipients.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    private static List<DecodedRecipient> domino(String text) {
        int from = text.indexOf(NOT_DELIVERED) + NOT_DELIVERED.length();
        int because = text.indexOf(BECAUSE, from);
        if (because < 0) {
            return List.of();
        }
        List<String> reason = new ArrayList<>();
        boolean started = false;
        for (String line : FamilyNotices.lines(text.substring(because + BECAUSE.length()))) {
            if (line.isBlank()) {
                if (started) {
                    break;
                }
                continue;
            }
            started = true;
            reason.add(line);
        }
        String diagnostic = FamilyNotices.join(reason);
        List<DecodedRecipient> out = new ArrayList<>();
        for (String address : Addresses.all(text.substring(from, because))) {
            out.add(build(address, diagnostic));
        }
        return out;
    }

    private static List<DecodedRecipient> notes(String text) {
        int from = text.indexOf(FAILURE_REASONS);
        int end = text.indexOf(RETURNED, from);
        int lineEnd = text.indexOf('\n', from);
        int start = lineEnd < 0 ? text.length() : lineEnd + 1;
        int stop = end < 0 ? text.length() : end;
        // both markers on one line (seen fuzzing): nothing between them to read
        String block = start < stop ? text.substring(start, stop) : "";
        List<DecodedRecipient> out = new ArrayList<>();
        List<String> reason = new ArrayList<>();
        for (String line : FamilyNotices.lines(block)) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (Addresses.looksLikeAddress(t)) {
                out.add(build(Addresses.normalise(t), FamilyNotices.join(reason)));
                reason = new ArrayList<>();
            } else {
                reason.add(t);
            }
        }
        return out;
    }

    private static DecodedRecipient build(String address, String diagnostic) {
        DecodedRecipient.Builder b = FamilyNotices.recipient(address, Action.FAILED, diagnostic);
        String lower = diagnostic.toLowerCase(Locale.ROOT);
        for (String phrase : NOT_IN_DIRECTORY) {
            if (lower.contains(phrase)) {
                b.hint(Category.USER_UNKNOWN, "domino.not-in-directory");
                break;
            }
        }
        return b.build();
    }
}
