package io.jamesbounce.james.matchers;

import java.util.Collection;
import java.util.List;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.james.common.Mails;
import io.jamesbounce.james.common.ReportAddressCondition;

/** What both report matchers do, for one kind of report. */
final class ReportMatching {
    private final BounceAnalyzer analyzer;
    private final ReportKind kind;
    private final ReportAddressCondition condition;

    ReportMatching(BounceAnalyzer analyzer, ReportKind kind, ReportAddressCondition condition) {
        this.analyzer = analyzer;
        this.kind = kind;
        this.condition = condition;
    }

    /**
     * The candidate recipients when the message is a report of the kind. A message that cannot be
     * read at all is matched too when it was plainly meant as a report (sent to a reserved address,
     * or with the null reverse-path), so that the mailet routes it to its unreadable processor
     * instead of letting it pass as ordinary mail.
     */
    Collection<MailAddress> match(Mail mail) throws MessagingException {
        List<MailAddress> candidates = condition.candidates(mail);
        if (candidates.isEmpty()) {
            return List.of();
        }
        ReportKind actual = analyzer.analyze(Mails.bytesOf(mail)).kind();
        if (actual == kind) {
            return candidates;
        }
        if (actual == ReportKind.UNPARSEABLE && (condition.restrictsRecipients() || !mail.hasSender())) {
            return candidates;
        }
        return List.of();
    }
}
