package io.jamesbounce.james.mailets;

import java.util.Collection;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.text.LogValues;
import io.jamesbounce.james.common.Mails;

/**
 * Mail sent to a report address that is no report (an auto-reply, a person answering a bounce, a
 * notice the engine cannot read as one): sent to its own processor with one log line and a metric,
 * never bounced back and never lost. Used with {@code IsSentToReportAddress} after the report mailets.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>Parameter</th><th>Default</th><th>Description</th></tr>
 *   <tr><td>processor</td><td>bounce-unrecognised</td><td>where such mail goes</td></tr>
 * </table>
 */
public class RouteUnrecognisedMail extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RouteUnrecognisedMail.class);
    static final String PROCESSOR = "processor";
    static final String DEFAULT_PROCESSOR = "bounce-unrecognised";

    private final BounceAnalyzer analyzer;
    private final BounceMetrics metrics;
    private String processor;

    @Inject
    public RouteUnrecognisedMail(BounceAnalyzer analyzer, BounceMetrics metrics) {
        this.analyzer = analyzer;
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        processor = InitParameters.of(this, PROCESSOR).processor(PROCESSOR).orElse(DEFAULT_PROCESSOR);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        ReportKind kind = analyzer.analyze(Mails.bytesOf(mail)).kind();
        metrics.unrecognised(kind);
        LOGGER.info("mail to a report address is no report, kept mail={} sender={} message-id={} kind={} processor={}",
            mail.getName(), LogValues.safe(mail.getMaybeSender().asString()), LogValues.safe(Mails.messageId(mail).orElse("-")),
            kind.label(), processor);
        mail.setState(processor);
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return List.of(new ProcessingState(processor));
    }

    @Override
    public String getMailetInfo() {
        return "Keeps mail sent to a report address that is no report apart, with a log line and a metric";
    }
}
