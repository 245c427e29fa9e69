package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.decode.Rfc3464Decoder;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * Oracle Communications / Sun Java System Messaging Server and its PMDF ancestor. The text lists
 * per recipient "Recipient address:", "Reason:", "Diagnostic code:" and "Remote system:" lines.
 * When the report has a delivery-status part, that part is read as usual and the text only fills
 * the diagnostic the server left out of it (it often writes no Diagnostic-Code, only a Reason);
 * when it has none (PMDF's multipart without boundaries, for one), the text is all there is.
 */
public final class MessagingServerDecoder implements Decoder {
    private static final String INTRO = "This report relates to a message you sent with the following header fields:";
    private static final String RECIPIENT = "Recipient address:";
    private static final Rfc3464Decoder STANDARD = new Rfc3464Decoder();

    @Override
    public String name() {
        return "messagingserver";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String text = message.noticeText();
        if (!text.contains(INTRO) || !text.contains(RECIPIENT)) {
            return Optional.empty();
        }
        List<DecodedRecipient> fromText = fromText(text);
        Optional<Decoded> standard = STANDARD.decode(message);
        if (standard.isPresent() && !standard.get().recipients().isEmpty()) {
            return Optional.of(withTextDiagnostics(standard.get(), fromText));
        }
        return fromText.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(fromText, Optional.empty()));
    }

    private static Decoded withTextDiagnostics(Decoded standard, List<DecodedRecipient> fromText) {
        List<DecodedRecipient> merged = new ArrayList<>();
        for (DecodedRecipient r : standard.recipients()) {
            Optional<String> textual = r.diagnostic().isPresent() ? Optional.empty() : fromText.stream()
                .filter(t -> t.recipient().equalsIgnoreCase(r.recipient())).findFirst().flatMap(DecodedRecipient::diagnostic);
            merged.add(textual.map(d -> r.toBuilder().diagnostic(d).build()).orElse(r));
        }
        return new Decoded(standard.kind(), merged, standard.reportingMta(), standard.deliveryStatus(), standard.feedbackReport());
    }

    private static List<DecodedRecipient> fromText(String text) {
        Action action = text.contains("cannot be delivered") || !text.contains("has not yet been delivered") ? Action.FAILED : Action.DELAYED;
        List<DecodedRecipient> recipients = new ArrayList<>();
        String address = null;
        String reason = "";
        String diagnostic = "";
        String remote = null;
        for (String raw : FamilyNotices.lines(text)) {
            String line = raw.strip();
            if (line.startsWith(RECIPIENT)) {
                if (address != null) {
                    recipients.add(build(address, action, reason, diagnostic, remote));
                }
                address = Addresses.first(line.substring(RECIPIENT.length())).orElse(null);
                reason = "";
                diagnostic = "";
                remote = null;
            } else if (address != null && line.startsWith("Reason:")) {
                reason = line.substring("Reason:".length()).strip();
            } else if (address != null && line.toLowerCase(Locale.ROOT).startsWith("diagnostic code:")) {
                diagnostic = line.substring("diagnostic code:".length()).strip();
                int semicolon = diagnostic.indexOf(';');
                if (semicolon >= 0 && semicolon < 10) {
                    diagnostic = diagnostic.substring(semicolon + 1).strip();
                }
            } else if (address != null && line.startsWith("Remote system:")) {
                remote = line.substring("Remote system:".length()).strip();
                int semicolon = remote.indexOf(';');
                remote = (semicolon >= 0 ? remote.substring(semicolon + 1) : remote).strip().split("\\s+")[0];
            }
        }
        if (address != null) {
            recipients.add(build(address, action, reason, diagnostic, remote));
        }
        return recipients;
    }

    private static DecodedRecipient build(String address, Action action, String reason, String diagnostic, String remote) {
        return FamilyNotices.recipient(address, action, diagnostic.isEmpty() ? reason : diagnostic).remoteMta(remote).build();
    }
}
