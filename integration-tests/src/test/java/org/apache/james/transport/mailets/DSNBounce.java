package org.apache.james.transport.mailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/** Test stand-in for James' DSNBounce: keeps the mail it would have notified the sender of in {@value #SENT}. */
public class DSNBounce extends GenericMailet {
    public static final String SENT = "file://var/mail/standin-dsn/";
    private final MailRepositoryStore repositories;

    @Inject
    public DSNBounce(MailRepositoryStore repositories) {
        this.repositories = repositories;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        StandIn.store(repositories, SENT, mail);
        mail.setState(Mail.GHOST);
    }
}
