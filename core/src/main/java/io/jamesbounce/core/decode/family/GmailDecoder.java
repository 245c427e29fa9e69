package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.jamesbounce.core.decode.Codes;
import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.decode.NoticeText;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * Gmail and Google Workspace notices without a delivery-status part. Two layouts: the older
 * "Delivery to the following recipient failed permanently:" text with a "Technical details of
 * permanent failure:" section quoting the other server ("The error that the other server returned
 * was: ..."), and the newer "** Message not delivered **" card whose "The response was:" paragraph
 * quotes it.
 */
public final class GmailDecoder implements Decoder {
    private static final String ORIGINAL = "----- Original message -----";
    private static final Pattern ADDRESS_LINE = Pattern.compile("^\\s*<?[^\\s@<>]+@[^\\s@<>]+>?\\s*$");

    @Override
    public String name() {
        return "gmail";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String from = FamilyNotices.lower(message.from());
        if (!from.contains("mailer-daemon@google") && !from.contains("mailer-daemon@gmail")) {
            return Optional.empty();
        }
        String text = message.noticeText();
        if (FamilyNotices.containsIgnoreCase(text, "Delivery to the following recipient")) {
            return classic(message, text);
        }
        if (text.contains("** ") && FamilyNotices.containsIgnoreCase(text, "The response")) {
            return card(message, text);
        }
        return Optional.empty();
    }

    /** The layout Gmail used until about 2016. */
    private static Optional<Decoded> classic(MailMessage message, String text) {
        String notice = NoticeText.noticeBeforeOriginal(message);
        boolean delayed = FamilyNotices.containsIgnoreCase(notice, "has been delayed")
            || FamilyNotices.containsIgnoreCase(notice, "THIS IS A WARNING MESSAGE ONLY");
        String block = FamilyNotices.after(notice, "Delivery to the following recipient",
            "Technical details of", "Message will be retried", ORIGINAL).orElse("");
        int colon = block.indexOf(':');
        List<String> addresses = new ArrayList<>();
        for (String line : block.substring(colon + 1).split("\r?\n|\r")) {
            if (ADDRESS_LINE.matcher(line).matches()) {
                // A UTF-8 local part (RFC 6531) is no ASCII address but still the recipient Gmail names.
                String a = Addresses.first(line).orElseGet(() -> Addresses.normalise(line.strip()));
                if (!addresses.contains(a)) {
                    addresses.add(a);
                }
            }
        }
        if (addresses.isEmpty()) {
            addresses.addAll(NoticeText.candidateRecipients(message, block));
        }
        String details = FamilyNotices.after(notice, "failure:", ORIGINAL).map(FamilyNotices::joinLines).orElse("");
        // Gmail's own sentence is context; what the other server said is the diagnostic.
        String diagnostic = FamilyNotices.after(details, "The error that the other server returned was:")
            .map(String::strip).orElse(details);
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (String address : addresses) {
            DecodedRecipient.Builder b = DecodedRecipient.builder(address)
                .action(delayed ? Action.DELAYED : Action.FAILED)
                .diagnostic(diagnostic);
            Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
            if (FamilyNotices.containsIgnoreCase(details, "did not accept our requests to connect") && !delayed) {
                // Gmail says this only after it has retried the connection for days.
                b.hint(Category.EXPIRED, "gmail.connect-retries-exhausted");
            }
            recipients.add(b.build());
        }
        return Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    /** The current layout: a headline in asterisks, an explanation, then the remote server's response. */
    private static Optional<Decoded> card(MailMessage message, String text) {
        List<String> addresses = new ArrayList<>();
        for (String failed : message.headers().all("X-Failed-Recipients")) {
            Addresses.all(failed).stream().filter(a -> !addresses.contains(a)).forEach(addresses::add);
        }
        String response = FamilyNotices.after(text, "The response from the remote server was:")
            .or(() -> FamilyNotices.after(text, "The response was:"))
            .map(FamilyNotices::firstParagraph).orElse("");
        if (addresses.isEmpty()) {
            addresses.addAll(NoticeText.candidateRecipients(message, NoticeText.noticeBeforeOriginal(message)));
        }
        boolean delayed = FamilyNotices.containsIgnoreCase(text, "Message delayed")
            || FamilyNotices.containsIgnoreCase(text, "will keep trying");
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (String address : addresses) {
            DecodedRecipient.Builder b = DecodedRecipient.builder(address)
                .action(delayed ? Action.DELAYED : Action.FAILED)
                .diagnostic(response);
            Codes.apply(b, Optional.empty(), response, CodeOrigin.NOTICE_TEXT);
            recipients.add(b.build());
        }
        return Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }
}
