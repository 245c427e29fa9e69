package io.jamesbounce.james.matchers;

import java.util.Collection;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import io.jamesbounce.james.common.ReportAddressCondition;

/**
 * Returns the recipients of a mail that are one of the addresses reserved for reports, whatever the
 * mail is: placed after the report mailets, it catches what was sent there and is no report
 * (auto-replies, people answering a bounce), so that none of it is lost or bounced.
 *
 * <p>Condition (required), see {@link ReportAddressCondition}:
 * {@code IsSentToReportAddress=bounces+*@bounce.example.com, bounces@bounce.example.com, fbl@example.com}.
 */
public class IsSentToReportAddress extends GenericMatcher {
    private ReportAddressCondition condition;

    @Override
    public void init() throws MessagingException {
        try {
            condition = ReportAddressCondition.parse(getCondition());
        } catch (IllegalArgumentException e) {
            throw new MessagingException(getMatcherName() + ": invalid condition: " + e.getMessage());
        }
        if (!condition.restrictsRecipients()) {
            throw new MessagingException(getMatcherName() + ": name the report addresses, e.g. "
                + "IsSentToReportAddress=bounces+*@bounce.example.com, fbl@example.com");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return condition.candidates(mail);
    }
}
