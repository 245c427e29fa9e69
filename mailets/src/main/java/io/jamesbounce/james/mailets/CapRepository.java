package io.jamesbounce.james.mailets;

import java.time.Clock;
import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.text.LogValues;
import io.jamesbounce.james.common.Mails;

/**
 * Before a {@code ToRepository} that keeps mail for a person ({@code bounce-unreadable} in the
 * sample): lets the mail on while the repository holds fewer than {@code maxMails} (10,000), so that
 * a flood of unreadable reports cannot fill the disk. Past that, the mail is not kept: it is logged
 * (WARN, with its sender and Message-ID) and the postmaster is told at most once an hour how many were
 * not kept. Emptying the repository (WebAdmin) lets mail be kept again.
 */
public class CapRepository extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(CapRepository.class);
    static final int DEFAULT_MAX_MAILS = 10_000;

    private final MailRepositoryStore repositories;
    private final Clock clock;
    private final AlertEvery alerts = new AlertEvery(Duration.ofHours(1));
    private PendingAlerts untold = PendingAlerts.NONE;
    private MailRepositoryUrl url;
    private long maxMails;

    @Inject
    public CapRepository(MailRepositoryStore repositories, Clock clock) {
        this.repositories = repositories;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        InitParameters parameters = InitParameters.of(this, "repositoryPath", "maxMails");
        url = MailRepositoryUrl.from(parameters.required("repositoryPath"));
        String max = parameters.optional("maxMails").orElse(Integer.toString(DEFAULT_MAX_MAILS));
        try {
            maxMails = Long.parseLong(max);
        } catch (NumberFormatException e) {
            maxMails = 0;
        }
        if (maxMails < 1) {
            throw new MessagingException(getMailetName() + ": parameter maxMails is not a positive number: '" + max + "'");
        }
        untold = PendingAlerts.start(getMailetName(), () -> alerts.due(clock.instant()).ifPresent(n -> alert(n, maxMails)));
    }

    @Override
    public void destroy() {
        untold.close();
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        long size = repository().size();
        if (size < maxMails) {
            return;
        }
        LOGGER.warn("repository full, mail not kept mail={} repository={} size={} max={} sender={} message-id={}", mail.getName(),
            url.asString(), size, maxMails, LogValues.safe(mail.getMaybeSender().asString()), LogValues.safe(Mails.messageId(mail).orElse("-")));
        mail.setState(Mail.GHOST);
        alerts.occurred(clock.instant()).ifPresent(n -> alert(n, size));
    }

    private MailRepository repository() throws MessagingException {
        try {
            return repositories.select(url);
        } catch (MailRepositoryStore.MailRepositoryStoreException e) {
            throw new MessagingException(getMailetName() + ": repository " + url.asString() + " cannot be opened", e);
        }
    }

    private void alert(long notKept, long size) {
        try {
            PostmasterAlert.send(getMailetContext(), "[bounce] " + url.asString() + " is full: " + notKept + " mail(s) not kept",
                "The repository " + url.asString() + " holds " + size + " mails or more, its limit (maxMails of " + getMailetName()
                    + "): " + notKept + " mail(s) since the last alert were logged and not kept. Read and empty it through WebAdmin "
                    + "(GET /mailRepositories, DELETE .../mails) to keep mail again. At most one such alert an hour.");
        } catch (MessagingException | RuntimeException e) {
            LOGGER.warn("repository-full alert not sent repository={} cause={}", url.asString(), e.toString());
        }
    }

    @Override
    public String getMailetInfo() {
        return "Keeps a repository from growing past maxMails: mail beyond it is logged, not kept, and the postmaster told";
    }
}
