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
 * EZweb (au by KDDI mobile mail): "Mail System Error - Returned Mail" from Postmaster@ezweb.ne.jp,
 * a Japanese explanation followed by one English sentence that states the cause ("The user(s)
 * account is disabled.", "Your message was not delivered within 0 days and 1 hours.") and the
 * recipients as lone "&lt;address&gt;" lines. The text may be spread over several text parts.
 */
public final class EzwebDecoder implements Decoder {
    private static final Pattern LONE_ADDRESS = Pattern.compile("^<" + FamilyNotices.ADDRESS + ">$");
    private static final Pattern NOT_DELIVERED_WITHIN = Pattern.compile("(?i)not delivered within \\d+ days? and \\d+ hours?");

    @Override
    public String name() {
        return "ezweb";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String from = message.from().toLowerCase(Locale.ROOT);
        if (!from.contains("postmaster@ezweb.ne.jp") && !from.contains("postmaster@au.com")) {
            return Optional.empty();
        }
        List<String> addresses = new ArrayList<>();
        StringBuilder diagnostic = new StringBuilder();
        for (String line : message.allReportText().split("\r?\n|\r")) {
            String t = line.strip();
            if (t.startsWith("-----") || t.startsWith("Received:")) {
                break; // the returned message's headers follow
            }
            Matcher m = LONE_ADDRESS.matcher(t);
            if (m.matches()) {
                String a = Addresses.normalise(m.group(1));
                if (!addresses.contains(a)) {
                    addresses.add(a);
                }
            } else if (isEnglishSentence(t)) {
                diagnostic.append(diagnostic.length() > 0 ? " " : "").append(t);
            }
        }
        String diag = diagnostic.toString();
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (String address : addresses) {
            DecodedRecipient.Builder b = DecodedRecipient.builder(address).action(Action.FAILED).diagnostic(diag);
            Codes.apply(b, Optional.empty(), diag, CodeOrigin.NOTICE_TEXT);
            if (NOT_DELIVERED_WITHIN.matcher(diag).find()) {
                // EZweb's wording for giving up after its retry period.
                b.hint(Category.EXPIRED, "ezweb.not-delivered-within");
            }
            recipients.add(b.build());
        }
        return Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    /** An ASCII line of the notice that says something: not the MIME preamble nor a list heading. */
    private static boolean isEnglishSentence(String t) {
        if (t.isEmpty() || !t.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return false;
        }
        return !t.startsWith("This message is in MIME format") && !t.startsWith("The following recipients")
            && !t.endsWith(":") && t.indexOf('@') < 0;
    }
}
