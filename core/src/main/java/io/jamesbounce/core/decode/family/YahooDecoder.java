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
import io.jamesbounce.core.decode.NoticeText;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.text.Addresses;

/**
 * Yahoo (and AOL since it moved to Yahoo's servers): "Sorry, we were unable to deliver your message
 * to the following address." then, per recipient, "&lt;address&gt;:" and the remote reply written as
 * "550: 5.1.1 ..." (the reply code followed by a colon, which free-text code finders skip).
 */
public final class YahooDecoder implements Decoder {
    private static final String START = "Sorry, we were unable to deliver your message to the following address";
    private static final String END = "--- Below this line is a copy of the message.";
    private static final Pattern RECIPIENT_LINE = Pattern.compile("^<" + FamilyNotices.ADDRESS + ">:\\s*$");
    private static final Pattern LEADING_REPLY = Pattern.compile("^([245]\\d\\d):");

    @Override
    public String name() {
        return "yahoo";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String from = message.from().toLowerCase(Locale.ROOT);
        if (!from.contains("yahoo") && !from.contains("aol.com")) {
            return Optional.empty();
        }
        String text = message.noticeText();
        int start = NoticeText.indexOfIgnoreCase(text, START);
        if (start < 0) {
            return Optional.empty();
        }
        int end = text.indexOf(END, start);
        String notice = text.substring(start, end < 0 ? text.length() : end);
        List<DecodedRecipient> recipients = new ArrayList<>();
        String current = null;
        StringBuilder diagnostic = new StringBuilder();
        for (String line : notice.split("\r?\n|\r")) {
            Matcher m = RECIPIENT_LINE.matcher(line.strip());
            if (m.matches()) {
                add(recipients, current, diagnostic.toString());
                current = Addresses.normalise(m.group(1));
                diagnostic.setLength(0);
            } else if (current != null && !line.isBlank()) {
                diagnostic.append(diagnostic.length() > 0 ? " " : "").append(line.strip());
            }
        }
        add(recipients, current, diagnostic.toString());
        return Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    private static void add(List<DecodedRecipient> recipients, String address, String diagnostic) {
        if (address == null) {
            return;
        }
        DecodedRecipient.Builder b = DecodedRecipient.builder(address).action(Action.FAILED).diagnostic(diagnostic);
        Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
        Matcher reply = LEADING_REPLY.matcher(diagnostic);
        if (reply.find()) {
            ReplyCode.parse(reply.group(1)).ifPresent(r -> b.replyCode(r, CodeOrigin.NOTICE_TEXT));
        }
        recipients.add(b.build());
    }
}
