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
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.text.Addresses;

/**
 * Zoho Mail: one line per recipient, either "address Invalid Address, ERROR_CODE :550, ERROR_CODE
 * :5.1.1 ..." (failures) or "[Status: Error, Address: &lt;address&gt;, ResponseCode 421, , Host not
 * reachable.]" (in the "THIS IS A WARNING MESSAGE ONLY" delay notices).
 */
public final class ZohoDecoder implements Decoder {
    // possessive and split at the first '@': "\\S+@\\S+" backtracks quadratically over a long run of "x@x@x@..."
    private static final Pattern FAILURE_LINE = Pattern.compile("^([^\\s@]++@\\S++)\\s++(.*ERROR_CODE\\s*:.*)$");
    private static final Pattern BRACKET_LINE = Pattern.compile("^\\[Status: [^,]*, Address: <([^<>]+)>, (.*)\\]\\s*$");
    private static final Pattern REPLY = Pattern.compile("(?:ERROR_CODE\\s*:|ResponseCode\\s+)([245]\\d\\d)\\b");

    @Override
    public String name() {
        return "zoho";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String from = message.from().toLowerCase(Locale.ROOT);
        if (!from.contains("mailer-daemon@") || !from.contains("zoho")) {
            return Optional.empty();
        }
        String text = message.noticeText();
        boolean warning = text.contains("THIS IS A WARNING MESSAGE ONLY");
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (String line : text.split("\r?\n|\r")) {
            String t = line.strip();
            Matcher m = FAILURE_LINE.matcher(t);
            if (!m.matches()) {
                m = BRACKET_LINE.matcher(t);
                if (!m.matches()) {
                    continue;
                }
            }
            Optional<String> address = Addresses.first(m.group(1));
            if (address.isEmpty()) {
                continue;
            }
            String diagnostic = m.group(2).strip();
            DecodedRecipient.Builder b = DecodedRecipient.builder(address.get())
                .action(warning ? Action.DELAYED : Action.FAILED)
                .diagnostic(diagnostic);
            Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
            Matcher reply = REPLY.matcher(diagnostic);
            if (reply.find()) {
                ReplyCode.parse(reply.group(1)).ifPresent(r -> b.replyCode(r, CodeOrigin.NOTICE_TEXT));
            }
            recipients.add(b.build());
        }
        return recipients.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }
}
