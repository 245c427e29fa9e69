package io.jamesbounce.core.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.text.Addresses;
import io.jamesbounce.core.text.AnchoredAlternation;

/**
 * The reader for bounce notices no family decoder claims, strong enough to stand alone: a notice
 * from a mail system ({@link NoticeSigns}) whose text names the failed recipients, or, when it
 * names none, whose quoted original was addressed to them. Each recipient's diagnostic is what the
 * notice says next to its address; where that names no reply and no cause, the notice's own
 * reason lines (a server's reply, "Reason:", "because") stand for it.
 */
public final class GenericNoticeDecoder implements Decoder {
    /** A line that opens with a server's reply: its reply code or enhanced status, after any transcript marks. */
    static final Pattern REPLY_LINE = Pattern.compile(
        "(?:^[ \\t>:<*-]*+|<-- ?|<<< ?|>>> ?)(?:[45][0-9][0-9][ -]|[45]\\.[0-9]{1,3}\\.[0-9]{1,3}\\b)");

    /** Words notices put before a reason, in several languages (looked for near a line's start). */
    private static final AnchoredAlternation REASON_WORDS = AnchoredAlternation.of(Pattern.compile(
        "(?i)(said:|reason:|error:|because|diagnostic|remote (server|host|mta)|smtp error|failed with|delay reason|"
            + "grund:|raison|motivo|причина|原因|理由)"));

    /** How far into a line its reason words may stand, and how long a line is read. */
    private static final int REASON_WORDS_WITHIN = 80;
    private static final int MAX_LINE = 500;

    /** Lines of a notice read for its reason: servers say it in their first lines. */
    private static final int MAX_LINES_READ = 200;

    /** Lines read after a line that only announces the reason ("because:"): a wrapped sentence. */
    private static final int LINES_AFTER_LABEL = 3;

    /** The reason lines kept from a notice for a recipient whose own paragraph names no reason. */
    private static final int MAX_REASON_LINES = 3;

    /** The notice's own words kept, when it has no reason line, for a recipient whose paragraph names none. */
    private static final int MAX_NOTICE_WORDS = 600;

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        if (!NoticeSigns.isDeliveryNotice(message)) {
            return Optional.empty();
        }
        String text = NoticeText.ownNotice(message);
        List<Addresses.Found> candidates = new ArrayList<>();
        for (String failed : message.headers().all("X-Failed-Recipients")) {
            for (String a : Addresses.all(failed)) {
                if (candidates.stream().noneMatch(c -> c.address().equalsIgnoreCase(a))) {
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
            candidates.addAll(NoticeText.listedAlone(message, text));
        }
        if (candidates.isEmpty() && !message.allReportText().equals(message.noticeText())) {
            // a notice split over parts, or a broken multipart whose first text is the original's
            String all = noticeOf(message.allReportText());
            candidates.addAll(NoticeText.candidatesFound(message, all));
            if (!candidates.isEmpty()) {
                text = all;
            }
        }
        if (candidates.isEmpty() && message.reportPart("message/delivery-status").isEmpty()) {
            // the notice names nobody: the original it returns was addressed to the failed recipient
            // (a standard report without recipient groups is recovered the same way by the analyzer,
            // which keeps what its fields say)
            candidates.addAll(originalRecipients(message));
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        boolean temporary = NoticeText.announcesRetry(text);
        String noticeReason = null;
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Addresses.Found found = candidates.get(i);
            String address = found.address();
            String diagnostic = found.start() < 0 ? ""
                : withLead(NoticeText.leadBefore(text, found.start()),
                    NoticeText.paragraphAfter(text, found.start(), found.end() - found.start(), 6));
            if (i + 1 < candidates.size()) {
                // recipients listed one after the other: the next one's line is no longer this one's reason
                diagnostic = upTo(diagnostic, candidates.get(i + 1).address());
            }
            if (!namesReply(diagnostic)) {
                if (noticeReason == null) {
                    noticeReason = noticeReason(text, address);
                }
                diagnostic = diagnostic.isEmpty() ? noticeReason : noticeReason.isEmpty() ? diagnostic : diagnostic + " " + noticeReason;
            }
            DecodedRecipient.Builder b = DecodedRecipient.builder(address)
                .action(temporary ? Action.DELAYED : Action.FAILED)
                .diagnostic(diagnostic);
            Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
            recipients.add(b.build());
        }
        return Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    /** A notice's own text: unquoted when a person forwarded it, cut where it starts quoting the original. */
    static String noticeOf(String text) {
        return NoticeText.beforeOriginal(NoticeText.unquoted(text));
    }

    private static String upTo(String diagnostic, String next) {
        int at = NoticeText.indexOfIgnoreCase(diagnostic, next);
        if (at <= 0) {
            return diagnostic;
        }
        String cut = diagnostic.substring(0, at).strip();
        while (!cut.isEmpty() && "<\"'(".indexOf(cut.charAt(cut.length() - 1)) >= 0) {
            cut = cut.substring(0, cut.length() - 1).strip();
        }
        return cut;
    }

    /** Whether a diagnostic quotes a server's reply (a reply code or an enhanced status). */
    private static boolean namesReply(String diagnostic) {
        return ReplyCode.find(diagnostic).isPresent() || EnhancedStatus.find(diagnostic).isPresent();
    }

    /**
     * What the notice as a whole gives as the reason: its reason lines (a server's reply, or the
     * words notices put before a reason),
     * else its own first words without the lines that only name the recipient.
     */
    private static String noticeReason(String text, String address) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length() && lines.size() < MAX_LINES_READ) {
            int end = text.indexOf('\n', start);
            int stop = end < 0 ? text.length() : end;
            String line = text.substring(start, Math.min(stop, start + MAX_LINE)).strip();
            if (!line.isEmpty()) {
                lines.add(line);
            }
            start = end < 0 ? text.length() : end + 1;
        }
        StringBuilder sb = new StringBuilder();
        int kept = 0;
        int followLines = 0;
        for (String line : lines) {
            if (kept == MAX_REASON_LINES) {
                break;
            }
            if (isReplyLine(line) || hasReasonWordsNearStart(line)) {
                append(sb, line);
                kept++;
                // "because:" or "due to the following reason:" ending its line: the reason is in the lines after;
                // a sentence cut by the line's end goes on in the next
                followLines = line.endsWith(":") && line.length() < REASON_WORDS_WITHIN * 2 ? LINES_AFTER_LABEL
                    : ".!)".indexOf(line.charAt(line.length() - 1)) < 0 ? 1 : 0;
            } else if (followLines > 0) {
                append(sb, line);
                followLines--;
            }
        }
        if (kept > 0) {
            return sb.toString();
        }
        String lowerAddress = address.toLowerCase(Locale.ROOT);
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).contains(lowerAddress)) {
                continue;
            }
            if (sb.length() + line.length() > MAX_NOTICE_WORDS) {
                break;
            }
            append(sb, line);
        }
        return sb.toString();
    }

    /**
     * {@link #REPLY_LINE} found in the line. Its alternatives other than the line's start each begin
     * with "<--", "<<<" or ">>>": a line with none of them can match only at its start, and is not
     * searched further.
     */
    static boolean isReplyLine(String line) {
        Matcher reply = REPLY_LINE.matcher(line);
        boolean marked = line.contains("<--") || line.contains("<<<") || line.contains(">>>");
        return marked ? reply.find() : reply.lookingAt();
    }

    /**
     * One of {@link #REASON_WORDS} starting within the first {@link #REASON_WORDS_WITHIN} characters,
     * tried only where a word's start occurs: tried at every character, the alternation was half the
     * time of a short Postfix notice (a JFR profile of lhost-postfix-34 analysed in a loop).
     */
    static boolean hasReasonWordsNearStart(String line) {
        Matcher words = REASON_WORDS.pattern().matcher(line);
        return REASON_WORDS.find(words, line.toLowerCase(Locale.ROOT), 0) && words.start() < REASON_WORDS_WITHIN;
    }

    private static void append(StringBuilder sb, String line) {
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(line);
    }

    /**
     * The recipients of the returned original (To, then Cc), when the notice names none itself: a
     * notice that says only "your message could not be delivered" is about them. Not the original's
     * sender, and never more than a handful (a list's copy would name the whole list).
     */
    private static List<Addresses.Found> originalRecipients(MailMessage message) {
        Optional<Headers> original = OriginalMessages.headersOf(message);
        if (original.isEmpty()) {
            return List.of();
        }
        List<String> excluded = new ArrayList<>(Addresses.all(message.from()));
        for (String to : message.headers().all("To")) {
            excluded.addAll(Addresses.all(to));
        }
        for (String from : original.get().all("From")) {
            excluded.addAll(Addresses.all(from));
        }
        List<Addresses.Found> out = new ArrayList<>();
        for (String field : List.of("To", "Cc")) {
            for (String value : original.get().all(field)) {
                for (String a : Addresses.all(value)) {
                    if (!NoticeText.containsIgnoreCase(excluded, a) && out.stream().noneMatch(f -> f.address().equalsIgnoreCase(a))) {
                        out.add(new Addresses.Found(a, -1, -1));
                    }
                }
            }
        }
        return out.size() <= MAX_ORIGINAL_RECIPIENTS ? out : List.of();
    }

    /** More recipients than this in the original, and the notice cannot be about all of them. */
    private static final int MAX_ORIGINAL_RECIPIENTS = 5;

    /** "User's mailbox is full: &lt;a@b&gt;" puts the cause before the address: it belongs to the diagnostic. */
    private static String withLead(String lead, String paragraph) {
        if (lead.isEmpty()) {
            return paragraph;
        }
        return paragraph.isEmpty() ? lead : lead + " " + paragraph;
    }
}
