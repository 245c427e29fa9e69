package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.james.common.Fixtures;
import io.jamesbounce.james.common.LookupFailureMode;
import io.jamesbounce.store.Suppression;

class DropSuppressedRecipientsTest {
    private final Store store = new Store();
    private final FakeMailContext context = FakeMailContext.defaultContext();

    @BeforeEach
    void suppressAlice() {
        store.repository.suppress(Suppression.of(AddressKey.of("alice@example.org"), Category.USER_UNKNOWN, EventSource.DSN,
            "hard-at-once", Store.NOW.minusSeconds(60), Optional.empty()));
    }

    private DropSuppressedRecipients mailet(String... parameters) throws MessagingException {
        return Mailets.init(new DropSuppressedRecipients(store.suppressed, BounceMetrics.NONE), context, parameters);
    }

    @Test
    void removesOnlyTheSuppressedRecipients() throws Exception {
        FakeMail mail = Fixtures.mailFrom("news@example.com", "plain.eml", "alice@example.org", "bob@example.net");
        mail.setState("relay");

        mailet().service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("bob@example.net"));
        assertThat(mail.getState()).isEqualTo("relay");
    }

    @Test
    void removesEverySuppressedRecipientOfAMailRelayedForManyNotOnlyTheFirst() throws Exception {
        // mail relayed for another sender is not split per recipient by VERP: several suppressed
        // recipients can share one mail, and every one of them must go (a bug dropping only the first
        // passed every other test)
        store.repository.suppress(Suppression.of(AddressKey.of("carol@example.org"), Category.USER_UNKNOWN, EventSource.DSN,
            "hard-at-once", Store.NOW.minusSeconds(60), Optional.empty()));
        FakeMail mail = Fixtures.mailFrom("partner@example.com", "plain.eml",
            "alice@example.org", "bob@example.net", "carol@example.org", "dave@example.net");
        mail.setState("relay");

        mailet().service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("bob@example.net"), new MailAddress("dave@example.net"));
    }

    @Test
    void consumesAMailLeftWithoutRecipients() throws Exception {
        FakeMail mail = Fixtures.mailFrom("news@example.com", "plain.eml", "ALICE@example.org");

        mailet().service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void leavesAMailWithoutSuppressedRecipientsUntouched() throws Exception {
        FakeMail mail = Fixtures.mailFrom("news@example.com", "plain.eml", "bob@example.net");
        mail.setState("relay");

        mailet().service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("bob@example.net"));
        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void sendsACopyForTheDroppedRecipientsToTheAuditProcessor() throws Exception {
        DropSuppressedRecipients mailet = mailet("auditProcessor", "suppressed-audit");
        FakeMail mail = Fixtures.mailFrom("news@example.com", "plain.eml", "alice@example.org", "bob@example.net");

        mailet.service(mail);

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getState()).isEqualTo("suppressed-audit");
            assertThat(sent.getRecipients()).containsExactly(new MailAddress("alice@example.org"));
            assertThat(sent.getAttributes()).containsKey(RecordsJson.DROPPED);
        });
        assertThat(mail.getRecipients()).containsExactly(new MailAddress("bob@example.net"));
        assertThat(mailet.requiredProcessingState()).containsExactly(new ProcessingState("suppressed-audit"));
    }

    @Nested
    class WhenTheStoreIsUnreachable {
        @Test
        void deferThrowsSoThatJamesKeepsTheMailUndelivered() throws Exception {
            FakeMail mail = Fixtures.mailFrom("news@example.com", "plain.eml", "alice@example.org", "bob@example.net");
            mail.setState("relay");
            store.outage.down();

            assertThatThrownBy(() -> mailet().service(mail))
                .isInstanceOf(MessagingException.class).hasMessageContaining(mail.getName());
            assertThat(mail.getRecipients()).hasSize(2);
            assertThat(mail.getState()).isEqualTo("relay");
        }

        @Test
        void deferSendsTheMailToTheDeferredProcessorWithTheCause() throws Exception {
            DropSuppressedRecipients mailet = mailet("deferredProcessor", "suppression-check-deferred");
            FakeMail mail = Fixtures.mailFrom("news@example.com", "plain.eml", "alice@example.org", "bob@example.net");
            store.outage.down();

            mailet.service(mail);

            assertThat(mail.getState()).isEqualTo("suppression-check-deferred");
            assertThat(mail.getRecipients()).hasSize(2);
            assertThat(mail.getAttribute(RecordsJson.PROBLEM)).isPresent();
            assertThat(mailet.requiredProcessingState()).containsExactly(new ProcessingState("suppression-check-deferred"));
        }

        @Test
        void aDeferredMailIsCheckedAgainOnceTheStoreIsBack() throws Exception {
            DropSuppressedRecipients mailet = mailet("deferredProcessor", "suppression-check-deferred");
            FakeMail mail = Fixtures.mailFrom("news@example.com", "plain.eml", "alice@example.org", "bob@example.net");
            store.outage.down();
            mailet.service(mail);
            store.outage.up();
            mail.setState("relay");

            mailet.service(mail);

            assertThat(mail.getRecipients()).containsExactly(new MailAddress("bob@example.net"));
            assertThat(mail.getState()).isEqualTo("relay");
        }

        @Test
        void deliverLetsTheMailGoOnUnchecked() throws Exception {
            DropSuppressedRecipients mailet = Mailets.init(
                new DropSuppressedRecipients(store.suppressedRecipients(LookupFailureMode.DELIVER), BounceMetrics.NONE), context);
            FakeMail mail = Fixtures.mailFrom("news@example.com", "plain.eml", "alice@example.org", "bob@example.net");
            mail.setState("relay");
            store.outage.down();

            mailet.service(mail);

            assertThat(mail.getRecipients()).hasSize(2);
            assertThat(mail.getState()).isEqualTo("relay");
            assertThat(context.getSentMails()).isEmpty();
        }

        @Test
        void deliverStillDropsOnceTheStoreIsBack() throws Exception {
            DropSuppressedRecipients mailet = Mailets.init(
                new DropSuppressedRecipients(store.suppressedRecipients(LookupFailureMode.DELIVER), BounceMetrics.NONE), context);
            FakeMail mail = Fixtures.mailFrom("news@example.com", "plain.eml", "alice@example.org", "bob@example.net");

            mailet.service(mail);

            assertThat(mail.getRecipients()).containsExactly(new MailAddress("bob@example.net"));
        }
    }

    @Test
    void initShouldRejectAnUnknownParameterNamingIt() {
        assertThatThrownBy(() -> mailet("audit", "x"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("audit");
    }
}
