package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.verp.VerpScheme;
import io.jamesbounce.james.Fixtures;

class VerpReturnPathTest {
    private final FakeMailContext context = FakeMailContext.defaultContext();

    private VerpReturnPath mailet(String... parameters) throws MessagingException {
        return Mailets.init(new VerpReturnPath(VerpScheme.DEFAULT), context, parameters);
    }

    @Test
    void splitsAMailIntoOneMailPerRecipientEachWithItsOwnBounceAddress() throws Exception {
        FakeMail mail = Fixtures.mailFrom("news@example.com", "plain.eml", "alice@example.org", "bob@example.net");
        mail.setState("relay");

        mailet("bounceDomain", "bounce.example.com").service(mail);

        assertThat(context.getSentMails()).hasSize(2);
        assertThat(context.getSentMails()).anySatisfy(sent -> {
            assertThat(sent.getSender()).isEqualTo(new MailAddress("bounces+alice=example.org@bounce.example.com"));
            assertThat(sent.getRecipients()).containsExactly(new MailAddress("alice@example.org"));
            assertThat(sent.getState()).isEqualTo("relay");
        });
        assertThat(context.getSentMails()).anySatisfy(sent -> {
            assertThat(sent.getSender()).isEqualTo(new MailAddress("bounces+bob=example.net@bounce.example.com"));
            assertThat(sent.getRecipients()).containsExactly(new MailAddress("bob@example.net"));
        });
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void aBounceToTheVerpSenderMapsBackToExactlyItsRecipient() throws Exception {
        mailet("bounceDomain", "bounce.example.com").service(Fixtures.mailFrom("news@example.com", "plain.eml", "Alice@Example.org"));

        MailAddress sender = context.getSentMails().get(0).getSender();
        assertThat(VerpScheme.DEFAULT.decode(sender.asString())).contains("Alice@example.org");
    }

    @Test
    void sendsTheNewMailsToTheConfiguredProcessor() throws Exception {
        mailet("bounceDomain", "bounce.example.com", "processor", "relay-verp")
            .service(Fixtures.mailFrom("news@example.com", "plain.eml", "alice@example.org"));

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> assertThat(sent.getState()).isEqualTo("relay-verp"));
    }

    @Test
    void leavesAMailThatAlreadyCarriesItsRecipientsVerpSender() throws Exception {
        FakeMail mail = Fixtures.mailFrom("bounces+alice=example.org@bounce.example.com", "plain.eml", "alice@example.org");
        mail.setState("relay");

        mailet("bounceDomain", "bounce.example.com").service(mail);

        assertThat(context.getSentMails()).isEmpty();
        assertThat(mail.getState()).isEqualTo("relay");
    }

    @Test
    void neverTouchesMailWithTheNullReversePath() throws Exception {
        FakeMail mail = Fixtures.bounceMail("plain.eml", "alice@example.org", "bob@example.net");
        mail.setState("relay");

        mailet("bounceDomain", "bounce.example.com").service(mail);

        assertThat(context.getSentMails()).isEmpty();
        assertThat(mail.getState()).isEqualTo("relay");
    }

    @Test
    void initShouldRequireTheBounceDomain() {
        assertThatThrownBy(() -> mailet()).isInstanceOf(MessagingException.class).hasMessageContaining("bounceDomain");
    }

    @Test
    void initShouldRejectABadDomainNamingIt() {
        assertThatThrownBy(() -> mailet("bounceDomain", "bounce example.com"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'bounce example.com'");
    }

    @Test
    void initShouldRejectAnUnknownParameterNamingIt() {
        assertThatThrownBy(() -> mailet("bounceDomain", "bounce.example.com", "prefix", "b"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("prefix");
    }
}
