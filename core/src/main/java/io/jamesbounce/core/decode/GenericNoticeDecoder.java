package io.jamesbounce.core.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * The fallback for bounce notices no family decoder claims: a message from the mail system (null
 * sender, MAILER-DAEMON, postmaster, a bounce subject) whose text names the failed recipients.
 */
public final class GenericNoticeDecoder implements Decoder {
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
        "(?i)(undeliver|undelivered|delivery (status notification|failure|failed|has failed|problem|notification)|"
            + "mail delivery (failed|failure|system|subsystem)|returned mail|return(ed)? to sender|failure notice|"
            + "non[- ]?delivery|could not (be )?deliver|delivery error|mail system error|message not delivered|"
            + "mail failed|returning to sender|nicht zustellbar|unzustellbar|error sending|failed mail|mail failure|rejected|bounce|warning: could not send|"
            + "delivery report|delayed mail|delivery delayed|unable to deliver|permanent error|mail could not be delivered)");
    private static final Pattern DAEMON = Pattern.compile("(?i)(mailer-daemon|postmaster|mail delivery (subsystem|system)|mail administrator|mailerdaemon|bounce)");

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        if (!looksLikeBounce(message)) {
            return Optional.empty();
        }
        String text = NoticeText.beforeOriginal(message.noticeText().isBlank() ? message.allReportText() : message.noticeText());
        List<Addresses.Found> candidates = new ArrayList<>();
        Headers h = message.headers();
        for (String failed : h.all("X-Failed-Recipients")) {
            for (String a : Addresses.all(failed)) {
                if (candidates.stream().noneMatch(c -> c.address().equals(a))) {
                    int at = NoticeText.indexOfIgnoreCase(text, a);
                    candidates.add(new Addresses.Found(a, at, at < 0 ? -1 : at + a.length()));
                }
            }
        }
        if (candidates.isEmpty()) {
            // with where each stands: looking each up again in the notice would be quadratic in their number
            candidates.addAll(NoticeText.candidatesFound(message, text));
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        boolean temporary = NoticeText.announcesRetry(text);
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (Addresses.Found found : candidates) {
            String address = found.address();
            String diagnostic = withLead(NoticeText.leadBefore(text, found.start()),
                NoticeText.paragraphAfter(text, found.start(), found.end() - found.start(), 6));
            DecodedRecipient.Builder b = DecodedRecipient.builder(address)
                .action(temporary ? Action.DELAYED : Action.FAILED)
                .diagnostic(diagnostic);
            Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
            recipients.add(b.build());
        }
        return Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    /** "User's mailbox is full: &lt;a@b&gt;" puts the cause before the address: it belongs to the diagnostic. */
    private static String withLead(String lead, String paragraph) {
        if (lead.isEmpty()) {
            return paragraph;
        }
        return paragraph.isEmpty() ? lead : lead + " " + paragraph;
    }

    static boolean looksLikeBounce(MailMessage message) {
        Headers h = message.headers();
        if (h.has("X-Failed-Recipients")) {
            return true;
        }
        String returnPath = h.firstOrEmpty("Return-Path").trim();
        boolean nullSender = returnPath.equals("<>");
        boolean daemon = DAEMON.matcher(message.from()).find();
        boolean subject = BOUNCE_SUBJECT.matcher(message.subject()).find();
        return subject && (daemon || nullSender || message.from().isBlank()) || daemon && nullSender
            || subject && h.firstOrEmpty("Auto-Submitted").toLowerCase(Locale.ROOT).startsWith("auto-generated");
    }

}
