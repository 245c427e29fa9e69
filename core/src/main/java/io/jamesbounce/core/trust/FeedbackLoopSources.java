package io.jamesbounce.core.trust;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The feedback loops we subscribed to. A feedback report is trusted when the topmost
 * Authentication-Results field carries our receiving server's {@code authservId} and says
 * {@code dkim=pass} for one of {@code domains} (header.d, or a subdomain of it) or {@code spf=pass}
 * for one (smtp.mailfrom); or, weaker, when the envelope sender or the From address is one of
 * {@code addresses}.
 *
 * <p>Our receiving server must remove Authentication-Results fields that carry its own authserv-id
 * from incoming mail (RFC 8601 section 5); otherwise a sender could write one itself.
 */
public record FeedbackLoopSources(String authservId, Set<String> domains, Set<String> addresses) {
    public FeedbackLoopSources {
        Objects.requireNonNull(authservId, "authservId");
        domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        addresses = addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (!domains.isEmpty() && authservId.isBlank()) {
            throw new IllegalArgumentException("authenticated feedback-loop domains need the authserv-id of our receiving server");
        }
    }

    public static FeedbackLoopSources none() {
        return new FeedbackLoopSources("", Set.of(), Set.of());
    }

    public boolean configured() {
        return !domains.isEmpty() || !addresses.isEmpty();
    }

    /** The domain of an address, or the value itself when it is a bare domain (as smtp.mailfrom may be). */
    static String domainOf(String addressOrDomain) {
        int at = addressOrDomain.lastIndexOf('@');
        return at < 0 ? addressOrDomain : addressOrDomain.substring(at + 1);
    }

    boolean coversDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        while (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        for (String configured : domains) {
            if (d.equals(configured) || d.endsWith("." + configured)) {
                return true;
            }
        }
        return false;
    }
}
