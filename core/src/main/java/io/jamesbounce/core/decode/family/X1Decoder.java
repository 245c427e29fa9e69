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
 * An unnamed mail server (Sisimai's "X1", seen at Japanese ISPs; signs as "Mail Deliver System"):
 * "---The following addresses had delivery errors---", then one "address [reason]" line per
 * recipient. Its "Warning--Could not send mail for past ..." notices are delay warnings.
 */
public final class X1Decoder implements Decoder {
    private static final String MARKER = "---The following addresses had delivery errors---";
    // possessive and split at the first '@': "\\S+@\\S+" backtracks quadratically over a long run of "x@x@x@..."
    private static final Pattern LINE = Pattern.compile("^([^\\s@]++@\\S++)\\s++\\[(.*)\\]\\s*$");

    @Override
    public String name() {
        return "x1";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        Optional<String> notice = FamilyNotices.textWith(message, MARKER);
        if (notice.isEmpty()) {
            return Optional.empty();
        }
        String text = notice.get();
        boolean delayed = message.subject().toLowerCase(Locale.ROOT).startsWith("warning--could not send mail");
        List<String> lines = FamilyNotices.lines(text);
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (int i = FamilyNotices.indexOfLine(lines, 0, MARKER) + 1; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty()) {
                if (recipients.isEmpty()) {
                    continue;
                }
                break;
            }
            Matcher m = LINE.matcher(t);
            if (!m.matches() || !Addresses.looksLikeAddress(m.group(1))) {
                continue;
            }
            String diagnostic = m.group(2).strip();
            DecodedRecipient.Builder b = DecodedRecipient.builder(Addresses.normalise(m.group(1)))
                .action(delayed ? Action.DELAYED : Action.FAILED).diagnostic(diagnostic);
            Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
            recipients.add(b.build());
        }
        return recipients.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }
}
