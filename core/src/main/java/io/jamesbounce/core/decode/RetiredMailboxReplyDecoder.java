package io.jamesbounce.core.decode;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * An auto-reply that says the mailbox is no longer in use is a bounce in all but form: the
 * address that answered is retired. Ordinary vacation notices do not say so and stay auto-replies.
 */
public final class RetiredMailboxReplyDecoder implements Decoder {
    private static final String[] RETIRED = {
        "no longer in use", "is no longer monitored", "no longer being monitored", "is no longer active",
        "no longer exists", "is no longer valid", "has been deactivated", "is not monitored"};

    @Override
    public String name() {
        return "retired-mailbox-reply";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        if (!AutoReplies.isAutoReply(message)) {
            return Optional.empty();
        }
        String text = NoticeText.noticeBeforeOriginal(message).toLowerCase(Locale.ROOT);
        String said = null;
        for (String phrase : RETIRED) {
            if (text.contains(phrase)) {
                said = phrase;
                break;
            }
        }
        Optional<String> who = Addresses.first(message.from());
        if (said == null || who.isEmpty()) {
            return Optional.empty();
        }
        DecodedRecipient r = DecodedRecipient.builder(who.get())
            .diagnostic(NoticeText.sentenceAround(message.noticeText(), said))
            .hint(Category.MAILBOX_DISABLED, "autoreply.mailbox-retired")
            .build();
        return Optional.of(Decoded.bounce(List.of(r), Optional.empty()));
    }
}
