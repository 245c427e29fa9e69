package io.jamesbounce.core.trust;

/**
 * The Message-IDs we sent recently, so that a report about a message we never sent is not trusted.
 * An implementation may answer "maybe" for a message it never saw (a Bloom filter's false positive),
 * never "no" for one it saw within its window.
 */
public interface SentMessageLog {
    void add(String messageId);

    boolean mightContain(String messageId);

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
}
