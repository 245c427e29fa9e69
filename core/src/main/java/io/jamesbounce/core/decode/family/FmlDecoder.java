package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * The notices of the fml mailing-list manager ("X-MLServer: fml ..."): the list refused a post
 * (the sender is not a member, a spammer) or stopped a loop. The text names the address the
 * notice is about in angle brackets ("You are not a member of this mailing list
 * &lt;list@example.org&gt;.") and quotes the post after "Original mail as follows:".
 */
public final class FmlDecoder implements Decoder {
    private static final String ORIGINAL = "Original mail as follows:";
    /** fml's own sentences and the cause each states. */
    private static final List<Cause> CAUSES = List.of(
        new Cause("you are not a member of this mailing list", Category.POLICY, "fml.not-member"),
        new Cause("not member article from", Category.POLICY, "fml.not-member"),
        new Cause("reject mail from", Category.POLICY, "fml.rejected"),
        new Cause("reject spammers:", Category.SPAM, "fml.spammer"),
        new Cause("duplicated message-id", Category.SYSTEM_ERROR, "fml.loop"),
        new Cause("has detected a loop condition", Category.SYSTEM_ERROR, "fml.loop"),
        new Cause("loop back warning", Category.SYSTEM_ERROR, "fml.loop"),
        new Cause("header may cause mail loop", Category.SYSTEM_ERROR, "fml.loop"),
        // subjects, for a text that says no more than the address
        new Cause(" are not member", Category.POLICY, "fml.not-member"),
        new Cause("spam mail from a spammer is rejected", Category.SPAM, "fml.spammer"),
        new Cause("loop alert:", Category.SYSTEM_ERROR, "fml.loop"));

    private record Cause(String wording, Category category, String ruleId) {
    }

    @Override
    public String name() {
        return "fml";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        if (!message.headers().firstOrEmpty("X-MLServer").toLowerCase(Locale.ROOT).startsWith("fml")) {
            return Optional.empty();
        }
        String text = message.noticeText();
        int end = text.indexOf(ORIGINAL);
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (String line : FamilyNotices.lines(end < 0 ? text : text.substring(0, end))) {
            int open = line.indexOf('<');
            int close = line.lastIndexOf('>');
            if (open < 0 || close < open) {
                continue;
            }
            String inside = line.substring(open + 1, close);
            if (!Addresses.looksLikeAddress(inside)) {
                continue;
            }
            String address = Addresses.normalise(inside);
            if (recipients.stream().anyMatch(r -> r.recipient().equalsIgnoreCase(address))) {
                continue;
            }
            String diagnostic = line.strip();
            DecodedRecipient.Builder b = FamilyNotices.recipient(address, Action.FAILED, diagnostic);
            cause(diagnostic).or(() -> cause(message.subject())).ifPresent(c -> b.hint(c.category(), c.ruleId()));
            recipients.add(b.build());
        }
        return recipients.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    private static Optional<Cause> cause(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return CAUSES.stream().filter(c -> lower.contains(c.wording())).findFirst();
    }
}
