package io.jamesbounce.james.common;

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
 * (not a mailbox) is never suppressed. When the store cannot answer, {@link #suppressedRecipients(Mail)}
 * follows the configured {@link LookupFailureMode}.
 */
@Singleton
public class SuppressionCheck {
    private static final Logger LOGGER = LoggerFactory.getLogger(SuppressionCheck.class);

    private final CachingSuppressionLookup lookup;
    private final LocalPartMatching matching;
    private final LookupFailureMode onFailure;

    @Inject
    public SuppressionCheck(CachingSuppressionLookup lookup, LocalPartMatching matching, LookupFailureMode onFailure) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.matching = Objects.requireNonNull(matching, "matching");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    /**
     * The suppressed recipients of a mail. When the store cannot answer: under {@code DELIVER}, none
     * (a WARN names the mail); under {@code DEFER}, a {@link LookupFailedException}.
     */
    public List<MailAddress> suppressedRecipients(Mail mail) throws LookupFailedException {
        try {
            return suppressedAmong(mail.getRecipients());
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
    public List<MailAddress> suppressedAmong(Collection<MailAddress> recipients) {
        Map<MailAddress, AddressKey> keys = new HashMap<>();
        for (MailAddress recipient : recipients) {
            AddressKey.tryOf(recipient.asString(), matching).ifPresent(key -> keys.put(recipient, key));
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
}
