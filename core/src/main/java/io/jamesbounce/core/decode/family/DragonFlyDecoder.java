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
import io.jamesbounce.core.model.SmtpCommand;
import io.jamesbounce.core.text.Addresses;

/**
 * The DragonFly Mail Agent (dma): "This is the DragonFly Mail Agent ...", one recipient per notice
 * ("There was an error delivering your mail to &lt;...&gt;."), then the error, then the original.
 */
public final class DragonFlyDecoder implements Decoder {
    private static final String START = "This is the DragonFly Mail Agent";
    private static final String RECIPIENT = "There was an error delivering your mail to";
    private static final Pattern DID_NOT_LIKE = Pattern.compile("^(\\S+) \\[[^\\]]*\\] did not like our ([^:]+):$");

    @Override
    public String name() {
        return "dragonfly";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String text = message.noticeText();
        if (!text.contains(START)) {
            return Optional.empty();
        }
        List<String> lines = FamilyNotices.lines(text);
        int at = FamilyNotices.indexOfLine(lines, 0, RECIPIENT);
        if (at < 0) {
            return Optional.empty();
        }
        Optional<String> address = Addresses.first(lines.get(at));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        List<String> error = new ArrayList<>();
        for (int i = at + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("Message headers follow") || line.startsWith("Original message follows")) {
                break;
            }
            if (line.isBlank() && !error.isEmpty()) {
                break;
            }
            if (!line.isBlank()) {
                error.add(line);
            }
        }
        DecodedRecipient.Builder b = DecodedRecipient.builder(address.get()).action(Action.FAILED);
        if (!error.isEmpty()) {
            Matcher m = DID_NOT_LIKE.matcher(error.get(0).strip());
            if (m.matches()) {
                b.remoteMta(m.group(1));
                // "did not like our RCPT TO:" names the refused command, which the reply itself does not
                b.command(SmtpCommand.find("after " + m.group(2)));
                error = error.subList(1, error.size());
            }
        }
        String diagnostic = FamilyNotices.join(error);
        b.diagnostic(diagnostic);
        Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
        String lower = diagnostic.toLowerCase(Locale.ROOT);
        if (lower.startsWith("could not deliver for the last") && lower.contains("giving up")) {
            b.hint(Category.EXPIRED, "dragonfly.gave-up");
        } else if (lower.startsWith("dns lookup failure: host") && lower.endsWith("not found")) {
            b.hint(Category.BAD_DOMAIN, "dragonfly.host-not-found");
        }
        return Optional.of(Decoded.bounce(List.of(b.build()), Optional.empty()));
    }
}
