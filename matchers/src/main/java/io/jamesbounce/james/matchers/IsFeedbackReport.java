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
 * Returns the recipients of a mail that is a feedback report: an RFC 5965 ARF report from an ISP
 * feedback loop, Microsoft JMRP, or another complaint format the core decodes.
 *
 * <p>Condition (optional), see {@link ReportAddressCondition}:
 * {@code IsFeedbackReport=fbl@example.com, fbl+*@bounce.example.com}. A message sent to such
 * an address that cannot be read at all is matched too, so that {@code RecordBounceReports}
 * routes it to its unreadable processor.
 */
public class IsFeedbackReport extends GenericMatcher {
    private final BounceAnalyzer analyzer;
    private ReportMatching matching;

    @Inject
    public IsFeedbackReport(BounceAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public void init() throws MessagingException {
        try {
            matching = new ReportMatching(analyzer, ReportKind.FEEDBACK, ReportAddressCondition.parse(getCondition()));
        } catch (IllegalArgumentException e) {
            throw new MessagingException(getMatcherName() + ": invalid condition: " + e.getMessage());
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        return matching.match(mail);
    }
}
