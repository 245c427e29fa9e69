package io.jamesbounce.core.decode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.text.Addresses;
import io.jamesbounce.core.text.AnchoredAlternation;
import io.jamesbounce.core.text.Lines;

/** Helpers for reading human-written bounce notices. */
public final class NoticeText {
    /**
     * Lines after which a notice quotes the original message rather than describing the failure.
     * The leading run of blanks and rules is possessive and the dashes a phrase needs before it are
     * checked behind: a line of a million dashes is read once, not once per dash.
     */
    static final Pattern ORIGINAL_MARKER = Pattern.compile(
        "(?im)^[ \\t\\-=_*>|]*+(" +
            "(?<=-|- )(this is a copy of|below this line is a copy|original message|the original message|returned message|message headers follow|forwarded message)" +
            "|below this line is a copy of the message" +
            "|original message follows" +
            "|\\|-++ ?message text follows" +
            "|the original message (was|is) (attached|enclosed|as follows)" +
            "|(?<=-----|----- )(original|returned|unsent|message header|headers? of (the )?original)" +
            "|(unsent|undelivered|returned) message (follows|below|headers? follows?)" +
            "|the headers? of (the|your) (original )?message (is|are) (following|below|as follows)" +
            "|original message headers" +
            "|content-type: message/rfc822" +
            "|(?<=--- )the header of the original message is following" +
            ")");

    /**
     * What each wording of {@link #ORIGINAL_MARKER} starts with, in any case: a line that starts with
     * none of them is not tried. (The "|--- message text follows" wording never matches: the rule
     * characters before it are taken first, '|' among them.)
     */
    private static final String[] MARKER_STARTS = {"this is a copy of", "below this line is a copy", "original", "the original message",
        "the header", "returned", "message header", "forwarded message", "unsent", "undelivered message", "header",
        "content-type: message/rfc822"};

    /**
     * The words that give an address as the one to write to for help ("please contact
     * &lt;support@isp&gt;"): that address is the mail system's, not a failed recipient.
     */
    private static final Pattern CONTACT_LEAD = Pattern.compile(
        "(?i)(?:\\bcontact(?: us)?(?: at| on)?|\\bwrite(?: to us)?(?: at| to)|\\bsend (?:an? )?(?:e-?mail|mail|message) to|\\be-?mail us at|\\breach us at)$");

    private static final Pattern IDENTIFIER_FIELD = Pattern.compile(
        "(?i)(?:^|\\b)(?:message[- ]?id|in-reply-to|references|received|x-[a-z0-9-]*id|thread-index|content-id"
            + "|mail from|envelope[- ]from|return-path|sender)\\s*:?$");

    /** A message's notice text cut before the original: several decoders ask for it. */
    private static final MailMessage.Derived<String> NOTICE_BEFORE_ORIGINAL =
        new MailMessage.Derived<>(m -> beforeOriginal(m.noticeText()));
    /** The same, a person's forwarding quotes removed first. */
    private static final MailMessage.Derived<String> OWN_NOTICE = new MailMessage.Derived<>(m -> {
        String unquoted = unquoted(m.noticeText());
        // most notices are not forwarded: the same text, and the same cut
        return unquoted == m.noticeText() ? noticeBeforeOriginal(m) : beforeOriginal(unquoted);
    });

    private NoticeText() {
    }

    /** The message's notice text up to where it starts quoting the original message, computed once per message. */
    public static String noticeBeforeOriginal(MailMessage message) {
        return message.derived(NOTICE_BEFORE_ORIGINAL);
    }

    /** The message's own notice: unquoted when a person forwarded it, cut where it starts quoting the original; once per message. */
    public static String ownNotice(MailMessage message) {
        return message.derived(OWN_NOTICE);
    }

    /** The notice up to where it starts quoting the original message. */
    public static String beforeOriginal(String text) {
        int cut = originalMarker(text, 0);
        if (cut == 0) {
            // a notice that opens with such words quotes nothing yet: the next marker is the cut
            cut = originalMarker(text, Lines.nextLineStart(text, 0));
        }
        return cut >= 0 ? text.substring(0, cut) : text;
    }

    /**
     * A notice forwarded by a person ("Fwd: Returned mail", every line quoted with "&gt; ") as the
     * mail system wrote it: one level of quoting removed when most of its lines carry one.
     */
    public static String unquoted(String text) {
        int lines = 0;
        int quoted = 0;
        for (int start = 0; start < text.length(); ) {
            int end = text.indexOf('\n', start);
            int stop = end < 0 ? text.length() : end;
            if (!blank(text, start, stop)) {
                lines++;
                if (text.charAt(start) == '>') {
                    quoted++;
                }
            }
            start = stop + 1;
        }
        if (lines == 0 || quoted * 2 <= lines) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int start = 0; start < text.length(); ) {
            int end = text.indexOf('\n', start);
            int stop = end < 0 ? text.length() : end + 1;
            int from = start;
            if (text.charAt(from) == '>') {
                from++;
                if (from < stop && text.charAt(from) == ' ') {
                    from++;
                }
            }
            sb.append(text, from, stop);
            start = stop;
        }
        return sb.toString();
    }

    /**
     * Addresses that stand alone on their line, as notices list the failed ones ("&lt;a@b&gt;:",
     * "a@b [User unknown]"), even where the notice went back to that very address: a message
     * returned to its own recipient names it as the one that failed.
     */
    public static List<Addresses.Found> listedAlone(MailMessage message, String notice) {
        List<String> senders = Addresses.all(message.from());
        List<Addresses.Found> out = new ArrayList<>();
        for (Addresses.Found found : Addresses.found(notice)) {
            if (containsIgnoreCase(senders, found.address()) || !aloneOnLine(notice, found)) {
                continue;
            }
            out.add(found);
            if (out.size() == MAX_CANDIDATES) {
                break;
            }
        }
        return out;
    }

    private static boolean aloneOnLine(String text, Addresses.Found found) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, found.start() - 1)) + 1;
        for (int i = lineStart; i < found.start(); i++) {
            if (" \t<>\"'*-:".indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        int lineEnd = text.indexOf('\n', found.end());
        String rest = text.substring(found.end(), lineEnd < 0 ? text.length() : lineEnd).strip();
        while (!rest.isEmpty() && ">\":;,.".indexOf(rest.charAt(0)) >= 0) {
            rest = rest.substring(1).strip();
        }
        return rest.isEmpty() || rest.startsWith("[") || rest.startsWith("(");
    }

    /** Addresses of the notice that can be failed recipients: not the sender, not the mail system's own. */
    public static List<String> candidateRecipients(MailMessage message, String notice) {
        return candidatesFound(message, notice).stream().map(Addresses.Found::address).toList();
    }

    /** {@link #candidateRecipients} with where each first occurs in the notice. */
    public static List<Addresses.Found> candidatesFound(MailMessage message, String notice) {
        List<String> excluded = new ArrayList<>();
        excluded.addAll(Addresses.all(message.from()));
        for (String to : message.headers().all("To")) {
            excluded.addAll(Addresses.all(to));
        }
        // the returned original's sender is the one the notice goes back to, never a failed recipient
        OriginalMessages.headersOf(message).ifPresent(original -> {
            for (String field : List.of("From", "Sender", "Return-Path", "Reply-To")) {
                for (String value : original.all(field)) {
                    excluded.addAll(Addresses.all(value));
                }
            }
        });
        List<Addresses.Found> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Addresses.Found raw : Addresses.found(notice)) {
            Optional<Addresses.Found> routed = ExchangeAddresses.unwrap(raw);
            if (routed.isEmpty()) {
                continue;
            }
            Addresses.Found found = routed.get();
            String a = found.address();
            String local = a.substring(0, a.indexOf('@')).toLowerCase(Locale.ROOT);
            if (local.equals("mailer-daemon") || local.equals("postmaster") || local.startsWith("mailer-daemon")
                || containsIgnoreCase(excluded, a)) {
                continue;
            }
            // an address is judged by its first mention: a help line's address is the mail system's
            if (!seen.add(a.toLowerCase(Locale.ROOT)) || givenAsContact(notice, found.start()) || inIdentifierField(notice, found.start())) {
                continue;
            }
            out.add(found);
            if (out.size() == MAX_CANDIDATES) {
                // each candidate is then looked up in the notice: a text naming thousands is no notice we can read
                break;
            }
        }
        return out;
    }

    /**
     * Whether an address stands in a quoted field that holds message identifiers, routing or the
     * sender (Message-ID, References, Received, "Mail from:"): a message id looks like an address and
     * is none, and the sender is not the one that failed.
     */
    private static boolean inIdentifierField(String text, int start) {
        return IDENTIFIER_FIELD.matcher(leadBefore(text, start, 200)).find();
    }

    /** Whether the words just before an address, on its line, give it as a contact ({@link #CONTACT_LEAD}). */
    private static boolean givenAsContact(String text, int start) {
        // the lead-in is a few words: look no further back than that, whatever the line's length
        return CONTACT_LEAD.matcher(leadBefore(text, start, 48)).find();
    }

    static boolean containsIgnoreCase(List<String> list, String value) {
        for (String s : list) {
            if (s.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text before the first occurrence of an address on its line, without the brackets, colons and
     * blanks around it (at most {@value #MAX_PARAGRAPH} characters); empty when there is none.
     */
    public static String leadBefore(String text, String address) {
        return leadBefore(text, indexOfIgnoreCase(text, address));
    }

    /** {@link #leadBefore(String, String)} for an address known to stand at {@code idx}. */
    public static String leadBefore(String text, int idx) {
        return leadBefore(text, idx, MAX_PARAGRAPH);
    }

    private static String leadBefore(String text, int idx, int maxLength) {
        if (idx <= 0) {
            return "";
        }
        int lineStart = idx;
        while (lineStart > 0 && idx - lineStart < maxLength && text.charAt(lineStart - 1) != '\n' && text.charAt(lineStart - 1) != '\r') {
            lineStart--;
        }
        String lead = text.substring(lineStart, idx).strip();
        while (!lead.isEmpty() && "<:\"'([".indexOf(lead.charAt(lead.length() - 1)) >= 0) {
            lead = lead.substring(0, lead.length() - 1).strip();
        }
        return lead;
    }

    /**
     * What a notice says about an address: the words before it on its line and its paragraph after
     * ("mail to “a@b” could not be delivered, because the recipient does not exist").
     */
    public static String wordsAbout(String text, String address) {
        int at = indexOfIgnoreCase(text, address);
        if (at < 0) {
            return "";
        }
        String lead = leadBefore(text, at);
        String after = paragraphAfter(text, at, address.length(), 4);
        return lead.isEmpty() ? after : after.isEmpty() ? lead : lead + " " + after;
    }

    /** The text up to where it names an address other than this one: the next recipient's line is not this one's reason. */
    public static String untilAnotherAddress(String text, String address) {
        for (Addresses.Found found : Addresses.found(text)) {
            if (!found.address().equalsIgnoreCase(address)) {
                String cut = text.substring(0, found.start()).strip();
                while (!cut.isEmpty() && "<\"'(".indexOf(cut.charAt(cut.length() - 1)) >= 0) {
                    cut = cut.substring(0, cut.length() - 1).strip();
                }
                return cut;
            }
        }
        return text;
    }

    /** Recipients a notice may name, read from its text when it has no structure of its own. */
    static final int MAX_CANDIDATES = 1000;

    /** Longer than any reply a server sends in a few lines (RFC 5321: 512 octets a line): the rest is not its diagnostic. */
    static final int MAX_PARAGRAPH = 2048;

    /**
     * The diagnostic for an address: the rest of its line and the lines that follow up to a blank
     * line (at most {@code maxLines}), joined with single spaces, at most {@value #MAX_PARAGRAPH} characters.
     */
    public static String paragraphAfter(String text, String address, int maxLines) {
        return paragraphAfter(text, indexOfIgnoreCase(text, address), address.length(), maxLines);
    }

    /** {@link #paragraphAfter(String, String, int)} for an address known to stand at {@code idx}, {@code length} long. */
    public static String paragraphAfter(String text, int idx, int length, int maxLines) {
        if (idx < 0) {
            return "";
        }
        int after = Math.min(text.length(), idx + length);
        int lineEnd = text.indexOf('\n', idx);
        StringBuilder sb = new StringBuilder();
        String rest = lineEnd < 0 ? text.substring(after) : text.substring(after, lineEnd);
        sb.append(stripLead(rest));
        if (lineEnd < 0) {
            return capped(sb.toString().trim());
        }
        int taken = 0;
        // line by line from here, never splitting the whole rest of the notice: a DSN with many
        // recipients asks once per recipient (quadratic otherwise, found fuzzing)
        for (int start = lineEnd + 1; start <= text.length(); ) {
            int end = text.indexOf('\n', start);
            int stop = end < 0 ? text.length() : end;
            String line = text.substring(start, stop > start && text.charAt(stop - 1) == '\r' ? stop - 1 : stop);
            start = end < 0 ? text.length() + 1 : end + 1;
            if (line.isBlank()) {
                if (sb.toString().isBlank() && taken == 0) {
                    continue;
                }
                break;
            }
            if (taken++ >= maxLines || sb.length() >= MAX_PARAGRAPH) {
                break;
            }
            sb.append(' ').append(line.trim());
        }
        return capped(sb.toString().trim());
    }

    private static String capped(String paragraph) {
        return paragraph.length() > MAX_PARAGRAPH ? paragraph.substring(0, MAX_PARAGRAPH) : paragraph;
    }

    private static String stripLead(String s) {
        String t = s.trim();
        while (!t.isEmpty() && (t.charAt(0) == '>' || t.charAt(0) == ':' || t.charAt(0) == ',' || t.charAt(0) == ')')) {
            t = t.substring(1).trim();
        }
        return t;
    }

    /** The sentence (or line) of the text that contains the phrase, trimmed; empty when absent. */
    public static String sentenceAround(String text, String phrase) {
        int i = indexOfIgnoreCase(text, phrase);
        if (i < 0) {
            return "";
        }
        int start = i;
        while (start > 0 && ".!?\n".indexOf(text.charAt(start - 1)) < 0) {
            start--;
        }
        int end = i + phrase.length();
        while (end < text.length() && ".!?\n".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        if (end < text.length() && text.charAt(end) != '\n') {
            end++;
        }
        return text.substring(start, end).replaceAll("\\s+", " ").trim();
    }

    public static int indexOfIgnoreCase(String text, String needle) {
        int n = needle.length();
        if (n == 0) {
            return 0;
        }
        // candidates found by indexOf on the needle's first character in both cases, then compared:
        // linear in practice, where comparing at every offset was not on long notices. Each case's next
        // position is kept until passed: searching again for a rare case after every frequent one was quadratic
        char first = needle.charAt(0);
        char lower = Character.toLowerCase(first);
        char upper = Character.toUpperCase(first);
        int i = 0;
        int a = -2;
        int b = lower == upper ? -1 : -2;
        while (i + n <= text.length()) {
            if (a != -1 && a < i) {
                a = text.indexOf(lower, i);
            }
            if (b != -1 && b < i) {
                b = text.indexOf(upper, i);
            }
            int at = a < 0 ? b : b < 0 ? a : Math.min(a, b);
            if (at < 0 || at + n > text.length()) {
                return -1;
            }
            if (text.regionMatches(true, at, needle, 0, n)) {
                return at;
            }
            i = at + 1;
        }
        return -1;
    }

    public static boolean containsAny(String lowerText, String... phrases) {
        for (String p : phrases) {
            if (lowerText.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the words say the message's envelope expired: its server dropped it, whatever template
     * or Action field the notice uses (OpenSMTPD writes "delayed" there).
     */
    public static boolean saysEnvelopeExpired(String text) {
        return indexOfIgnoreCase(text, "envelope expired") >= 0;
    }

    /** Whether a notice says delivery is still being tried (a warning), rather than that it failed. */
    public static boolean announcesRetry(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return containsAny(lower, "will be retried", "will retry", "still trying", "not yet been delivered",
            "has not yet been delivered", "delivery is delayed", "is delayed", "this is a warning", "warning message only",
            "you do not need to resend", "do not need to resend", "will continue trying", "temporary problem", "no action is required",
            "result: delayed", "delivery attempts will continue", "this is only a temporary", "still be retried");
    }

    /**
     * The first line, from {@code from} on, where {@link #ORIGINAL_MARKER} matches, or -1: what
     * {@code find()} gives, but the pattern is tried only on lines that start as one of its wordings
     * (a few in a notice), not at every character of every line.
     */
    static int originalMarker(String text, int from) {
        if (from < 0) {
            return -1;
        }
        Matcher m = ORIGINAL_MARKER.matcher(text).useTransparentBounds(true);
        for (int line : Lines.starts(text)) {
            if (line < from) {
                continue;
            }
            int i = line;
            while (i < text.length() && isMarkerPrefix(text.charAt(i))) {
                i++;
            }
            if (AnchoredAlternation.startsWithAny(text, i, MARKER_STARTS)) {
                m.region(line, text.length());
                if (m.lookingAt()) {
                    return line;
                }
            }
        }
        return -1;
    }

    /** The characters {@link #ORIGINAL_MARKER} skips at the start of a line (an HTML notice's indentation runs long). */
    private static boolean isMarkerPrefix(char c) {
        return c == ' ' || c == '\t' || c == '-' || c == '=' || c == '_' || c == '*' || c == '>' || c == '|';
    }

    private static boolean blank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
