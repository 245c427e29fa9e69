package io.jamesbounce.james.matchers;

import java.util.Collection;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import io.jamesbounce.james.common.SuppressionCheck;

/**
 * Returns exactly the recipients that are on the suppression list (active entries, allowlist
 * already applied when the entries were written). One batch lookup per mail, answered mostly from
 * the in-process cache. Takes no condition. When the store cannot answer: under
 * {@code lookup.on-failure=deliver} no recipient matches (WARN); under {@code defer} the failure is
 * thrown and James' {@code onMatchException} keeps the mail (by default: the error processor).
 */
public class RecipientIsSuppressed extends GenericMatcher {
    private final SuppressionCheck suppressed;

    @Inject
    public RecipientIsSuppressed(SuppressionCheck suppressed) {
        this.suppressed = suppressed;
    }

    @Override
    public void init() throws MessagingException {
        if (getCondition() != null && !getCondition().isBlank()) {
            throw new MessagingException(getMatcherName() + " takes no condition, got '" + getCondition() + "'");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        return suppressed.suppressedRecipients(mail);
    }
}
