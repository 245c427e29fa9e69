package io.jamesbounce.james;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.store.CachingSuppressionLookup;

/**
 * The outbound question, asked with James' types: which of these recipients are suppressed. One
 * batch lookup per mail through {@link CachingSuppressionLookup}; an address the store cannot key
 * (not a mailbox) is never suppressed. When the store cannot answer, {@link #of(Mail)} follows the
 * configured {@link LookupFailureMode}.
 */
@Singleton
public class SuppressedRecipients {
    private static final Logger LOGGER = LoggerFactory.getLogger(SuppressedRecipients.class);

    private final CachingSuppressionLookup lookup;
    private final LocalPartMatching matching;
    private final LookupFailureMode onFailure;

    @Inject
    public SuppressedRecipients(CachingSuppressionLookup lookup, LocalPartMatching matching, LookupFailureMode onFailure) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.matching = Objects.requireNonNull(matching, "matching");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    /** Defers on a lookup failure (the default). */
    public SuppressedRecipients(CachingSuppressionLookup lookup, LocalPartMatching matching) {
        this(lookup, matching, LookupFailureMode.DEFER);
    }

    /**
     * The suppressed recipients of a mail. When the store cannot answer: under {@code DELIVER}, none
     * (a WARN names the mail); under {@code DEFER}, a {@link LookupFailedException}.
     */
    public List<MailAddress> of(Mail mail) throws LookupFailedException {
        try {
            return among(mail.getRecipients());
        } catch (RuntimeException e) {
            if (onFailure == LookupFailureMode.DELIVER) {
                LOGGER.warn("suppression lookup failed, mail delivered unchecked mail={} sender={} recipients={} cause={} on-failure=deliver",
                    mail.getName(), mail.getMaybeSender().asString(), mail.getRecipients().size(), e.toString());
                return List.of();
            }
            throw new LookupFailedException("suppression lookup failed for mail " + mail.getName() + ": " + e, e);
        }
    }

    public LookupFailureMode onFailure() {
        return onFailure;
    }

    /** The store could not say which recipients are suppressed, and the mode is {@code DEFER}. */
    public static final class LookupFailedException extends MessagingException {
        private static final long serialVersionUID = 1L;

        LookupFailedException(String message, RuntimeException cause) {
            super(message, cause);
        }
    }

    /** The suppressed recipients among {@code recipients}, in their order. */
    public List<MailAddress> among(Collection<MailAddress> recipients) {
        Map<MailAddress, AddressKey> keys = new HashMap<>();
        for (MailAddress recipient : recipients) {
            keyOf(recipient).ifPresent(key -> keys.put(recipient, key));
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        Set<AddressKey> suppressed = lookup.suppressedAmong(keys.values());
        List<MailAddress> result = new ArrayList<>();
        for (MailAddress recipient : recipients) {
            AddressKey key = keys.get(recipient);
            if (key != null && suppressed.contains(key)) {
                result.add(recipient);
            }
        }
        return List.copyOf(result);
    }

    /** Forgets a cached answer, so that a change this server just made is seen at once. */
    public void invalidate(AddressKey address) {
        lookup.invalidate(address);
    }

    public java.util.Optional<AddressKey> keyOf(MailAddress recipient) {
        try {
            return java.util.Optional.of(AddressKey.of(recipient.asString(), matching));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    public LocalPartMatching matching() {
        return matching;
    }
}
