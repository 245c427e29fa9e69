package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * Ipswitch/Progress IMail Server ({@code X-Mailer: <SMTP32 v...>}): one line per recipient,
 * {@code Reason: address} or {@code undeliverable to address} followed by the remote server's
 * reply after "Body of message generated response:", then "Original message follows."
 */
public final class IMailServerDecoder implements Decoder {
    private static final String ORIGINAL = "Original message follows.";
    private static final String RESPONSE = "Body of message generated response:";
    private static final Pattern REASON_LINE = Pattern.compile("^(\\S[^:]{7,}?):\\s+<?" + FamilyNotices.ADDRESS + ">?\\s*$");
    private static final Pattern UNDELIVERABLE = Pattern.compile("^undeliverable to\\s+<?" + FamilyNotices.ADDRESS + ">?", Pattern.CASE_INSENSITIVE);
    /** IMail's own words for giving up after its retries. */
    private static final Pattern GAVE_UP = Pattern.compile("^Delivery failed \\d+ attempts");

    @Override
    public String name() {
        return "imailserver";
    }

    /** The response read so far becomes the diagnostic of the last address named. */
    private static void closeResponse(List<String> response, List<String> diagnostics) {
        if (response != null && !response.isEmpty() && !diagnostics.isEmpty()) {
            diagnostics.set(diagnostics.size() - 1, FamilyNotices.join(response));
        }
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        boolean mailer = message.headers().firstOrEmpty("X-Mailer").strip().startsWith("<SMTP32 v");
        if (!mailer && !message.subject().startsWith("Undeliverable Mail")) {
            return Optional.empty();
        }
        String text = message.noticeText();
        int end = text.indexOf(ORIGINAL);
        if (end >= 0) {
            text = text.substring(0, end);
        } else if (!mailer) {
            return Optional.empty();
        }
        List<String> addresses = new ArrayList<>();
        List<String> diagnostics = new ArrayList<>();
        List<String> response = null;
        for (String raw : FamilyNotices.lines(text)) {
            String line = raw.strip();
            Matcher reason = REASON_LINE.matcher(line);
            Matcher undeliverable = UNDELIVERABLE.matcher(line);
            if (undeliverable.find() && Addresses.looksLikeAddress(undeliverable.group(1))) {
                closeResponse(response, diagnostics);
                addresses.add(Addresses.normalise(undeliverable.group(1)));
                diagnostics.add("");
                response = null;
            } else if (reason.find() && Addresses.looksLikeAddress(reason.group(2))) {
                closeResponse(response, diagnostics);
                addresses.add(Addresses.normalise(reason.group(2)));
                diagnostics.add(line);
                response = null;
            } else if (line.startsWith(RESPONSE)) {
                closeResponse(response, diagnostics);
                response = new ArrayList<>();
            } else if (response != null && !addresses.isEmpty()) {
                if (line.isEmpty()) {
                    if (!response.isEmpty()) {
                        closeResponse(response, diagnostics);
                        response = null;
                    }
                } else {
                    // joined once the response ends: joining again after every line was quadratic (fuzzing)
                    response.add(line);
                }
            }
        }
        closeResponse(response, diagnostics);
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            String diagnostic = diagnostics.get(i);
            DecodedRecipient.Builder b = FamilyNotices.recipient(addresses.get(i), Action.FAILED, diagnostic);
            if (GAVE_UP.matcher(diagnostic).find()) {
                b.hint(Category.EXPIRED, "imailserver.delivery-failed-attempts");
            }
            recipients.add(b.build());
        }
        return recipients.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }
}
