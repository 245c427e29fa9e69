package org.apache.james.transport.mailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/** Test stand-in for James' LocalDelivery: keeps the mail in {@value #INBOX}. */
public class LocalDelivery extends GenericMailet {
    public static final String INBOX = "file://var/mail/standin-inbox/";
    private final MailRepositoryStore repositories;

    @Inject
    public LocalDelivery(MailRepositoryStore repositories) {
        this.repositories = repositories;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        StandIn.store(repositories, INBOX, mail);
        mail.setState(Mail.GHOST);
    }
}
