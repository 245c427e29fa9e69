package org.apache.james.transport.mailets;

import jakarta.mail.MessagingException;

import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;

/**
 * The mailets of james-server-mailets 3.9.0 (RemoteDelivery, LocalDelivery, ToRepository, DSNBounce,
 * RecipientRewriteTable) are not on Maven Central. The integration test puts stand-ins with the
 * same names on the class path, so that it loads conf-samples/mailetcontainer.xml unchanged; each
 * keeps what it is handed in a mail repository the test reads.
 */
final class StandIn {
    private StandIn() {
    }

    static void store(MailRepositoryStore repositories, String url, Mail mail) throws MessagingException {
        try {
            repositories.select(MailRepositoryUrl.from(url)).store(mail);
        } catch (MessagingException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException("cannot store " + mail.getName() + " in " + url, e);
        }
    }
}
