package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.decode.NoticeText;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * Google Groups refusals: Gmail's mailer-daemon writes, in the poster's language, that the group
 * "may not exist, or you may not have permission to post messages to the group", with the group in
 * X-Failed-Recipients. The notice gives no code; the wording itself is the cause.
 */
public final class GoogleGroupsDecoder implements Decoder {
    /** X.0.918 in the inferred-status convention: the list refused the sender, no filter involved. */
    private static final int REJECTED_BY_LIST = 918;

    @Override
    public String name() {
        return "googlegroups";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String from = FamilyNotices.lower(message.from());
        if (!from.contains("mailer-daemon@google") && !from.contains("mailer-daemon@gmail")) {
            return Optional.empty();
        }
        List<String> groups = new ArrayList<>();
        for (String failed : message.headers().all("X-Failed-Recipients")) {
            Addresses.all(failed).stream().filter(a -> !groups.contains(a)).forEach(groups::add);
        }
        String text = NoticeText.noticeBeforeOriginal(message);
        boolean groupNotice = text.contains("groups.google.com")
            || groups.stream().anyMatch(g -> Addresses.domainOf(g).equalsIgnoreCase("googlegroups.com"));
        if (!groupNotice || groups.isEmpty()) {
            return Optional.empty();
        }
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (String group : groups) {
            recipients.add(DecodedRecipient.builder(group)
                .action(Action.FAILED)
                .diagnostic(paragraphNaming(text, group.substring(0, group.indexOf('@'))))
                .hint(Category.POLICY, "googlegroups.no-such-group-or-no-permission", REJECTED_BY_LIST)
                .build());
        }
        return Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    /** The paragraph that names the group (its local part in brackets), whatever the language. */
    private static String paragraphNaming(String text, String groupName) {
        for (String paragraph : text.split("\r?\n\\s*\r?\n")) {
            if (paragraph.contains(groupName)) {
                return FamilyNotices.joinLines(paragraph);
            }
        }
        return FamilyNotices.firstParagraph(text);
    }
}
