package org.apache.james.transport.mailets;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Test stand-in for James' RemoteDelivery: what would leave the server is kept in {@value #OUTBOUND}.
 * Recipients at {@value #REJECTING_DOMAIN} fail permanently, the way RemoteDelivery's Bouncer
 * reports it: the failed recipients go to {@code bounceProcessor} with the attributes
 * {@code delivery-error}, {@code delivery-error-code} and {@code is-delivery-permanent-error}.
 */
public class RemoteDelivery extends GenericMailet {
    public static final String OUTBOUND = "file://var/mail/standin-outbound/";
    public static final String REJECTING_DOMAIN = "reject.example.net";

    private final MailRepositoryStore repositories;
    private String bounceProcessor;

    @Inject
    public RemoteDelivery(MailRepositoryStore repositories) {
        this.repositories = repositories;
    }

    @Override
    public void init() throws MessagingException {
        bounceProcessor = getInitParameter("bounceProcessor");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        List<MailAddress> rejected = new ArrayList<>();
        List<MailAddress> accepted = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            (recipient.getDomain().asString().equals(REJECTING_DOMAIN) ? rejected : accepted).add(recipient);
        }
        if (!accepted.isEmpty()) {
            Mail delivered = mail.duplicate();
            try {
                delivered.setRecipients(accepted);
                StandIn.store(repositories, OUTBOUND, delivered);
            } finally {
                LifecycleUtil.dispose(delivered); // the repository keeps its own copy
            }
        }
        if (!rejected.isEmpty()) {
            Mail failed = mail.duplicate();
            try {
                failed.setRecipients(rejected);
                failed.setAttribute(new Attribute(AttributeName.of("is-delivery-permanent-error"), AttributeValue.of(true)));
                failed.setAttribute(new Attribute(AttributeName.of("delivery-error-code"), AttributeValue.of(550)));
                failed.setAttribute(new Attribute(AttributeName.of("delivery-error"), AttributeValue.of(
                    "550 5.1.1 <" + rejected.get(0).asString() + ">: Recipient address rejected: User unknown in virtual mailbox table")));
                getMailetContext().sendMail(failed, bounceProcessor);
            } finally {
                LifecycleUtil.dispose(failed); // the spool keeps its own copy
            }
        }
        mail.setState(Mail.GHOST);
    }
}
