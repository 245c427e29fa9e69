package io.jamesbounce.core.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMTP stage at which a receiver refused. It changes what a reply means: "user unknown" in
 * answer to RCPT is a dead address, the same words in answer to DATA are a content filter's excuse.
 */
public enum SmtpCommand {
    CONNECT, HELO, MAIL, RCPT, DATA;

    // "(in reply to RCPT TO command)" (Postfix), "after RCPT TO:<..>" (Exim), ">>> DATA" (Sendmail transcripts),
    // "most progress was RCPT TO response" (qmail), "in response to end of data" and similar.
    // The blanks are possessive: what follows them never starts with one.
    private static final Pattern IN_TEXT = Pattern.compile(
        "(?i)(?:(?:in reply to|after|in response to|>>>|progress was|while sending|during)\\s++|smtp:)(?:the\\s++)?(?:end of\\s++)?"
            + "(rcpt to|rcpt|mail from|mail|data|end of data|ehlo|helo|connect|greeting|banner|initial connection)(?![a-z])");
    private static final String[] LEADS = {"in reply to", "after", "in response to", ">>>", "progress was", "while sending", "during",
        "smtp:"};

    public static Optional<SmtpCommand> find(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        // One lower-cased copy: cheaper than case-insensitive comparisons at every offset.
        String lower = text.toString().toLowerCase(java.util.Locale.ROOT);
        // qmail's own words for a refusal at RCPT and at MAIL FROM
        if (lower.contains("does not like recipient")) {
            return Optional.of(RCPT);
        }
        if (lower.contains("sender was rejected")) {
            return Optional.of(MAIL);
        }
        // The regex is tried only where one of its lead phrases starts.
        text = lower;
        Matcher m = IN_TEXT.matcher(text);
        int n = text.length();
        boolean found = false;
        for (int i = 0; i < n && !found; i++) {
            if (startsLead(text, i) && m.region(i, n).lookingAt()) {
                found = true;
            }
        }
        if (!found) {
            return Optional.empty();
        }
        String c = m.group(1).toLowerCase(java.util.Locale.ROOT);
        if (c.startsWith("rcpt")) {
            return Optional.of(RCPT);
        }
        if (c.startsWith("mail")) {
            return Optional.of(MAIL);
        }
        if (c.contains("data")) {
            return Optional.of(DATA);
        }
        if (c.equals("ehlo") || c.equals("helo")) {
            return Optional.of(HELO);
        }
        return Optional.of(CONNECT);
    }

    private static boolean startsLead(CharSequence text, int at) {
        char c = lowerAscii(text.charAt(at));
        if (c != 'i' && c != 'a' && c != '>' && c != 'p' && c != 'w' && c != 'd' && c != 's') {
            return false;
        }
        for (String lead : LEADS) {
            if (lead.charAt(0) == c && regionIsAsciiIgnoreCase(text, at, lead)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionIsAsciiIgnoreCase(CharSequence text, int at, String lower) {
        if (at + lower.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            if (lowerAscii(text.charAt(at + k)) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
