package io.jamesbounce.james.matchers;

import java.util.Collection;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.james.common.ReportAddressCondition;

/**
 * Returns the recipients of a mail that is a delivery status notification: an RFC 3464 DSN or any
 * non-standard bounce the core decodes (Exchange, qmail, Exim, provider notices...).
 *
 * <p>Condition (optional), see {@link ReportAddressCondition}:
 * {@code IsDeliveryStatusReport=nullSender, bounces+*@bounce.example.com}. A message sent to such
 * an address that cannot be read at all is matched too, so that {@code RecordBounceReports}
 * routes it to its unreadable processor.
 */
public class IsDeliveryStatusReport extends GenericMatcher {
    private final BounceAnalyzer analyzer;
    private ReportMatching matching;

    @Inject
    public IsDeliveryStatusReport(BounceAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public void init() throws MessagingException {
        try {
            matching = new ReportMatching(analyzer, ReportKind.BOUNCE, ReportAddressCondition.parse(getCondition()));
        } catch (IllegalArgumentException e) {
            throw new MessagingException(getMatcherName() + ": invalid condition: " + e.getMessage());
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        return matching.match(mail);
    }
}
