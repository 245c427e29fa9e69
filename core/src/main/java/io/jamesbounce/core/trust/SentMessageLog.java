package io.jamesbounce.core.trust;

import java.util.Locale;

/**
 * The messages we sent recently, each to the recipient it was sent to: a report about a message is
 * trusted for a recipient only when we sent that very message to that very recipient (a report quoting
 * one public Message-ID must not vouch for anyone else). An implementation may answer "maybe" for a
 * pair it never saw (a Bloom filter's false positive), never "no" for one it saw within its window.
 */
public interface SentMessageLog {
    void add(String messageId, String recipient);

    boolean mightContain(String messageId, String recipient);

    /** A Message-ID as compared: angle brackets and white space stripped; case is kept (RFC 5322). */
    static String normalise(String messageId) {
        String s = messageId.strip();
        if (s.startsWith("<")) {
            s = s.substring(1);
        }
        if (s.endsWith(">")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.strip();
    }

    /** The pair as one key: the normalised Message-ID and the recipient in lower case. */
    static String key(String messageId, String recipient) {
        return normalise(messageId) + " " + recipient.strip().toLowerCase(Locale.ROOT);
    }
}
