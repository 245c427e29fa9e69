package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryPath;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.mailrepository.api.Protocol;
import org.apache.james.mailrepository.memory.MemoryMailRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.testing.MutableClock;
import io.jamesbounce.james.common.Fixtures;

/** The cap on James' own memory repository, the one repository the store knows. */
class CapRepositoryTest {
    private static final String URL = "memory://var/mail/bounce-unreadable/";

    private final MemoryMailRepository repository = new MemoryMailRepository();
    private final MutableClock clock = new MutableClock(Store.NOW);
    private final FakeMailContext context = withPostmaster();

    private static FakeMailContext withPostmaster() {
        try {
            return FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private final MailRepositoryStore store = new MailRepositoryStore() {
        @Override
        public MailRepository select(MailRepositoryUrl url) {
            assertThat(url).isEqualTo(MailRepositoryUrl.from(URL));
            return repository;
        }

        @Override
        public Optional<Protocol> defaultProtocol() {
            return Optional.of(new Protocol("memory"));
        }

        @Override
        public Optional<MailRepository> get(MailRepositoryUrl url) {
            return Optional.of(select(url));
        }

        @Override
        public Stream<MailRepository> getByPath(MailRepositoryPath path) {
            return Stream.of(repository);
        }

        @Override
        public Stream<MailRepositoryUrl> getUrls() {
            return Stream.of(MailRepositoryUrl.from(URL));
        }
    };

    private CapRepository mailet(String... parameters) throws MessagingException {
        return Mailets.init(new CapRepository(store, clock), context, parameters);
    }

    private static FakeMail unreadable(int i) throws MessagingException {
        FakeMail mail = Fixtures.bounceMail("dsn-user-unknown.eml", "bounces@example.com");
        mail.setName("unreadable-" + i);
        mail.setState("bounce-unreadable");
        return mail;
    }

    @Test
    void belowTheCapTheMailGoesOnToTheRepository() throws Exception {
        CapRepository mailet = mailet("repositoryPath", URL, "maxMails", "3");
        for (int i = 0; i < 3; i++) {
            FakeMail mail = unreadable(i);
            mailet.service(mail);
            assertThat(mail.getState()).isEqualTo("bounce-unreadable");
            repository.store(mail);
        }

        assertThat(repository.size()).isEqualTo(3);
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void atTheCapMailIsNotKeptAndThePostmasterIsToldOnceAnHour() throws Exception {
        CapRepository mailet = mailet("repositoryPath", URL, "maxMails", "2");
        repository.store(unreadable(0));
        repository.store(unreadable(1));

        FakeMail third = unreadable(2);
        FakeMail fourth = unreadable(3);
        mailet.service(third);
        mailet.service(fourth);

        assertThat(third.getState()).isEqualTo(Mail.GHOST);
        assertThat(fourth.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.getSentMails()).singleElement().satisfies(alert ->
            assertThat(alert.getMsg().getSubject()).isEqualTo("[bounce] memory://var/mail/bounce-unreadable is full: 1 mail(s) not kept"));

        clock.advance(Duration.ofHours(1));
        mailet.service(unreadable(4));
        assertThat(context.getSentMails()).hasSize(2).last().satisfies(alert ->
            assertThat(alert.getMsg().getSubject()).as("the fourth and the fifth").contains("2 mail(s) not kept"));
    }

    @Test
    void rejectsACapThatIsNotAPositiveNumber() {
        assertThatThrownBy(() -> mailet("repositoryPath", URL, "maxMails", "0")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("maxMails");
        assertThatThrownBy(() -> mailet("maxMails", "5")).isInstanceOf(MessagingException.class).hasMessageContaining("repositoryPath");
    }
}
