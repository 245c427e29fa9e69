package org.apache.james.transport.mailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/** Test stand-in for James' ToRepository: stores the mail in {@code repositoryPath} and consumes it. */
public class ToRepository extends GenericMailet {
    private final MailRepositoryStore repositories;
    private String url;

    @Inject
    public ToRepository(MailRepositoryStore repositories) {
        this.repositories = repositories;
    }

    @Override
    public void init() throws MessagingException {
        url = getInitParameter("repositoryPath");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        StandIn.store(repositories, url, mail);
        mail.setState(Mail.GHOST);
    }
}
