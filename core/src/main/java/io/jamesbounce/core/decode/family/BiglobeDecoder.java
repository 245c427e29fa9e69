package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
 * BIGLOBE (biglobe.ne.jp): "----- The following addresses had delivery problems -----" with the
 * addresses, then "----- Non-delivered information -----" with the cause.
 */
public final class BiglobeDecoder implements Decoder {
    private static final String ADDRESSES = "----- The following addresses had delivery problems -----";
    private static final String INFORMATION = "----- Non-delivered information -----";

    @Override
    public String name() {
        return "biglobe";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        if (!message.from().toLowerCase(Locale.ROOT).contains("biglobe.ne.jp")) {
            return Optional.empty();
        }
        String text = message.noticeText();
        Optional<String> block = FamilyNotices.after(text, ADDRESSES, INFORMATION);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        String diagnostic = FamilyNotices.after(text, INFORMATION, "-----").map(FamilyNotices::firstParagraph).orElse("");
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (String address : Addresses.all(block.get())) {
            DecodedRecipient.Builder b = DecodedRecipient.builder(address).action(Action.FAILED).diagnostic(diagnostic);
            Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
            if (FamilyNotices.containsIgnoreCase(diagnostic, "messages in recipient's mailbox exceeded")) {
                // BIGLOBE's wording for a mailbox over its message-count limit.
                b.hint(Category.MAILBOX_FULL, "biglobe.mailbox-limit");
            }
            recipients.add(b.build());
        }
        return Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }
}
