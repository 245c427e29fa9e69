package io.jamesbounce.core.model;

import java.util.Locale;
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
        String lower = text.toString().toLowerCase(Locale.ROOT);
        // qmail's own words for a refusal at RCPT and at MAIL FROM
        if (lower.contains("does not like recipient")) {
            return Optional.of(RCPT);
        }
        if (lower.contains("sender was rejected")) {
            return Optional.of(MAIL);
        }
        // Postfix's words for a refusal in the server's greeting
        if (lower.contains("refused to talk to me")) {
            return Optional.of(CONNECT);
        }
        // The regex is tried only where one of its lead phrases starts: the next occurrence of each
        // lead is found with indexOf (vectorised) and the leads are merged in text order.
        Matcher m = IN_TEXT.matcher(lower);
        int n = lower.length();
        int[] next = new int[LEADS.length];
        for (int k = 0; k < LEADS.length; k++) {
            next[k] = lower.indexOf(LEADS[k]);
        }
        boolean found = false;
        while (!found) {
            int k = -1;
            for (int j = 0; j < LEADS.length; j++) {
                if (next[j] >= 0 && (k < 0 || next[j] < next[k])) {
                    k = j;
                }
            }
            if (k < 0) {
                break;
            }
            int at = next[k];
            found = m.region(at, n).lookingAt();
            next[k] = lower.indexOf(LEADS[k], at + 1);
        }
        if (!found) {
            return Optional.empty();
        }
        String c = m.group(1).toLowerCase(Locale.ROOT);
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



}
