package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.trust.FeedbackLoopSources;
import io.jamesbounce.core.trust.TrustSettings;
import io.jamesbounce.core.verp.SignedVerpScheme;
import io.jamesbounce.core.verp.VerpKey;
import io.jamesbounce.core.verp.VerpKeys;
import io.jamesbounce.core.verp.VerpScheme;
import io.jamesbounce.core.verp.VerpVerification;
import io.jamesbounce.james.common.Fixtures;

class VerpReturnPathTest {
    private final FakeMailContext context = FakeMailContext.defaultContext();
    private final List<MailImpl> jamesMails = new ArrayList<>();

    private VerpReturnPath mailet(String... parameters) throws MessagingException {
        return Mailets.init(new VerpReturnPath(VerpScheme.DEFAULT, TrustSettings.none()), context, parameters);
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

    /** James' own mail for one recipient: its sender changes in place, no copy goes through the spool. */
    @Test
    void rewritesTheSenderOfJamesMailForOneRecipientInPlace() throws Exception {
        MailImpl mail = jamesMail("alice@example.org");

        mailet("bounceDomain", "bounce.example.com").service(mail);

        assertThat(context.getSentMails()).isEmpty();
        assertThat(mail.getSender()).isEqualTo(new MailAddress("bounces+alice=example.org@bounce.example.com"));
        assertThat(mail.getRecipients()).containsExactly(new MailAddress("alice@example.org"));
        assertThat(mail.getState()).isEqualTo("relay");
    }

    @Test
    void sendsJamesMailRewrittenInPlaceToTheConfiguredProcessor() throws Exception {
        MailImpl mail = jamesMail("alice@example.org");

        mailet("bounceDomain", "bounce.example.com", "processor", "relay-verp").service(mail);

        assertThat(context.getSentMails()).isEmpty();
        assertThat(mail.getSender()).isEqualTo(new MailAddress("bounces+alice=example.org@bounce.example.com"));
        assertThat(mail.getState()).isEqualTo("relay-verp");
    }

    @Test
    void splitsJamesMailForSeveralRecipients() throws Exception {
        MailImpl mail = jamesMail("alice@example.org", "bob@example.net");

        mailet("bounceDomain", "bounce.example.com").service(mail);

        assertThat(context.getSentMails()).extracting(sent -> sent.getSender().asString())
            .containsExactlyInAnyOrder("bounces+alice=example.org@bounce.example.com", "bounces+bob=example.net@bounce.example.com");
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    private MailImpl jamesMail(String... recipients) throws MessagingException {
        MailImpl.Builder builder = MailImpl.builder().name("james-mail").sender("news@example.com")
            .mimeMessage(Fixtures.message("plain.eml")).state("relay");
        for (String recipient : recipients) {
            builder.addRecipient(recipient);
        }
        MailImpl mail = builder.build();
        jamesMails.add(mail);
        return mail;
    }

    /** James' mail holds a message source that must be disposed of, as James disposes of it (its leak detector says so). */
    @AfterEach
    void disposeJamesMails() {
        jamesMails.forEach(MailImpl::dispose);
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

    @Nested
    class Signed {
        private final Store store = new Store();
        private final SignedVerpScheme scheme = SignedVerpScheme.of(Set.of("bounce.example.com"),
            VerpKeys.of(new VerpKey('k', "a-secret-of-at-least-16-bytes".getBytes(StandardCharsets.UTF_8))), store.clock);

        private VerpReturnPath signing(String... parameters) throws MessagingException {
            TrustSettings trust = new TrustSettings(Optional.of(scheme), Optional.empty(), FeedbackLoopSources.none());
            return Mailets.init(new VerpReturnPath(VerpScheme.DEFAULT.withSignatures(), trust), context, parameters);
        }

        @Test
        void eachRecipientGetsAReturnPathSignedForItself() throws Exception {
            signing("bounceDomain", "bounce.example.com")
                .service(Fixtures.mailFrom("news@example.com", "plain.eml", "alice@example.org", "Bob@example.net"));

            assertThat(context.getSentMails()).hasSize(2).allSatisfy(sent -> {
                String returnPath = sent.getSender().asString();
                assertThat(returnPath).matches("bounces\\+k[a-z2-7]{11}\\+.+=example\\.(org|net)@bounce\\.example\\.com");
                VerpVerification verification = scheme.verify(returnPath);
                assertThat(verification).isInstanceOf(VerpVerification.Valid.class);
                assertThat(verification.validRecipient())
                    .contains(sent.getRecipients().iterator().next().asString().toLowerCase(java.util.Locale.ROOT));
            });
        }

        @Test
        void leavesAMailThatAlreadyCarriesItsRecipientsSignedSender() throws Exception {
            FakeMail mail = Fixtures.mailFrom(scheme.sign("alice@example.org", "bounce.example.com"), "plain.eml", "alice@example.org");
            mail.setState("relay");

            signing("bounceDomain", "bounce.example.com").service(mail);

            assertThat(context.getSentMails()).isEmpty();
            assertThat(mail.getState()).isEqualTo("relay");
        }

        @Test
        void signsAMailThatCarriesAnUnsignedVerpSender() throws Exception {
            FakeMail mail = Fixtures.mailFrom("bounces+alice=example.org@bounce.example.com", "plain.eml", "alice@example.org");

            signing("bounceDomain", "bounce.example.com").service(mail);

            assertThat(context.getSentMails()).singleElement()
                .satisfies(sent -> assertThat(scheme.verify(sent.getSender().asString()).validRecipient()).contains("alice@example.org"));
        }

        @Test
        void initShouldRejectABounceDomainThatVerificationWouldNotAccept() {
            assertThatThrownBy(() -> signing("bounceDomain", "other.example.com"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("other.example.com").hasMessageContaining("verp.bounce-domains");
        }
    }
}
