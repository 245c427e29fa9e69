package io.jamesbounce.james.mailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import io.jamesbounce.core.trust.SentMessageLog;
import io.jamesbounce.james.common.Mails;

/**
 * Remembers, just before remote delivery, which message went to which recipient: a bounce that comes
 * back to no signed return path (to the plain bounce address, or the sender's own) is then believed for
 * exactly the recipients this message was sent to, on every server of a cluster and after a restart.
 * A mail without a Message-ID is not remembered; a store failure is thrown, for James'
 * {@code onMailetException} (the mail is kept, not sent unremembered). Takes no parameter.
 */
public class RememberSentMessages extends GenericMailet {
    private final SentMessageLog sent;

    @Inject
    public RememberSentMessages(SentMessageLog sent) {
        this.sent = sent;
    }

    @Override
    public void init() throws MessagingException {
        InitParameters.of(this);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        var messageId = Mails.messageId(mail);
        if (messageId.isEmpty()) {
            return;
        }
        for (MailAddress recipient : mail.getRecipients()) {
            sent.add(messageId.get(), recipient.asString());
        }
    }

    @Override
    public String getMailetInfo() {
        return "Remembers which message was sent to which recipient, for unsigned bounces";
    }
}
