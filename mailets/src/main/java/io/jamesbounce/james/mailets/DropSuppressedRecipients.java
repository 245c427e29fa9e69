package io.jamesbounce.james.mailets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.text.LogValues;
import io.jamesbounce.james.common.Mails;
import io.jamesbounce.james.common.SuppressionCheck;

/**
 * Outbound, before RemoteDelivery: removes the suppressed recipients of a mail; a mail left with
 * none is consumed (state ghost). Each drop is logged as one line; with {@code auditProcessor}, a
 * copy of the mail addressed to the dropped recipients only, with their list in the attribute
 * {@code io.jamesbounce.dropped-recipients}, is also sent to that processor (to keep it in a
 * repository, for instance).
 *
 * <p>When the store cannot answer, {@code lookup.on-failure} decides: {@code deliver} lets the mail go
 * on unchecked (WARN); {@code defer} (the default) does not deliver it now: it goes to
 * {@code deferredProcessor} with the cause in {@code io.jamesbounce.problem} (a repository that is
 * reprocessed into this processor later), or, without that parameter, the failure is thrown and
 * James' {@code onMailetException} keeps the mail (by default: the error processor).
 */
public class DropSuppressedRecipients extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(DropSuppressedRecipients.class);
    static final String AUDIT_PROCESSOR = "auditProcessor";
    static final String DEFERRED_PROCESSOR = "deferredProcessor";

    private final SuppressionCheck suppressed;
    private final BounceMetrics metrics;
    private Optional<String> auditProcessor;
    private Optional<String> deferredProcessor;

    @Inject
    public DropSuppressedRecipients(SuppressionCheck suppressed, BounceMetrics metrics) {
        this.suppressed = suppressed;
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        InitParameters parameters = InitParameters.of(this, AUDIT_PROCESSOR, DEFERRED_PROCESSOR);
        auditProcessor = parameters.processor(AUDIT_PROCESSOR);
        deferredProcessor = parameters.processor(DEFERRED_PROCESSOR);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        List<MailAddress> dropped;
        try {
            dropped = suppressed.suppressedRecipients(mail);
        } catch (SuppressionCheck.LookupFailedException e) {
            defer(mail, e);
            return;
        }
        if (dropped.isEmpty()) {
            return;
        }
        logDropped(mail, dropped);
        if (auditProcessor.isPresent()) {
            sendAuditCopy(mail, dropped, auditProcessor.get());
        }
        List<MailAddress> remaining = new ArrayList<>(mail.getRecipients());
        remaining.removeAll(dropped);
        mail.setRecipients(remaining);
        if (remaining.isEmpty()) {
            mail.setState(Mail.GHOST);
        }
    }

    /** The store cannot answer: the mail waits in the deferred processor, or James keeps it. */
    private void defer(Mail mail, SuppressionCheck.LookupFailedException e) throws MessagingException {
        if (deferredProcessor.isEmpty()) {
            throw e;
        }
        LOGGER.warn("suppression lookup failed, mail deferred mail={} sender={} cause={} sent-to-processor={}",
            mail.getName(), mail.getMaybeSender().asString(), e.getCause(), deferredProcessor.get());
        mail.setAttribute(new Attribute(RecordsJson.PROBLEM, AttributeValue.of(String.valueOf(e.getCause()))));
        mail.setState(deferredProcessor.get());
    }

    private void logDropped(Mail mail, List<MailAddress> dropped) {
        String messageId = LogValues.safe(Mails.messageId(mail).orElse("-"));
        String sender = LogValues.safe(mail.getMaybeSender().asString());
        for (MailAddress recipient : dropped) {
            LOGGER.info("suppressed recipient dropped mail={} recipient={} sender={} message-id={}",
                mail.getName(), LogValues.safe(recipient.asString()), sender, messageId);
            metrics.recipientDropped();
        }
    }

    private void sendAuditCopy(Mail mail, List<MailAddress> dropped, String processor) throws MessagingException {
        Mail copy = mail.duplicate();
        try {
            copy.setRecipients(dropped);
            copy.setAttribute(new Attribute(RecordsJson.DROPPED, AttributeValue.of(
                dropped.stream().map(MailAddress::asString).reduce((a, b) -> a + "," + b).orElse(""))));
            getMailetContext().sendMail(copy, processor);
        } finally {
            LifecycleUtil.dispose(copy); // James' queue keeps its own copy
        }
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return Stream.of(auditProcessor, deferredProcessor).flatMap(Optional::stream)
            .map(ProcessingState::new).toList();
    }

    @Override
    public String getMailetInfo() {
        return "Removes suppressed recipients before remote delivery";
    }
}
