package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.rates.DomainFigures;
import io.jamesbounce.core.rates.DomainState;
import io.jamesbounce.james.Fixtures;
import io.jamesbounce.store.DomainRates;

/**
 * The outbound throttle on the real in-memory rate store, on a fixed clock: the store's throttle is
 * 2 messages a minute with a burst of 1, so on a frozen clock a throttled domain lets one message
 * through and holds the rest.
 */
class ThrottleByDomainRateTest {
    private final Store store = new Store();
    private final FakeMailContext context = FakeMailContext.defaultContext();

    private ThrottleByDomainRate mailet() throws MessagingException {
        return Mailets.init(new ThrottleByDomainRate(store.rates), context, "heldProcessor", "throttled");
    }

    private static FakeMail outbound(String... recipients) throws MessagingException {
        FakeMail mail = Fixtures.mailFrom("news@example.com", "plain.eml", recipients);
        mail.setState("relay");
        return mail;
    }

    /** 150 attempts then 20 user-unknown bounces for the domain, flushed and evaluated: 13 % hard, CRITICAL. */
    private void burstOfBounces(String domain) throws Exception {
        ThrottleByDomainRate mailet = mailet();
        for (int i = 0; i < 150; i++) {
            mailet.service(outbound("u" + i + "@" + domain));
        }
        for (int i = 0; i < 20; i++) {
            store.rates.recordBounce(AddressKey.of("u" + i + "@" + domain), Category.USER_UNKNOWN, Optional.of(EnhancedStatus.of("5.1.1")), DomainRates.ownDelivery(AddressKey.of("u" + i + "@" + domain)));
        }
        store.rates.flush();
        store.rates.evaluate();
        assertThat(store.rates.monitor().stateOf(domain)).isEqualTo(DomainState.CRITICAL);
    }

    private long attempts(String domain) {
        store.rates.flush();
        return store.rates.figures().stream().filter(f -> f.domain().equals(domain)).findFirst()
            .map(DomainFigures::rateWindow).map(w -> w.attempts()).orElse(0L);
    }

    @Test
    void lowVolumeIsNeverHeldAndEveryRecipientIsCounted() throws Exception {
        ThrottleByDomainRate mailet = mailet();
        FakeMail mail = outbound("a@example.org", "b@example.org", "c@example.net");
        for (int i = 0; i < 20; i++) {
            store.rates.recordBounce(AddressKey.of("x" + i + "@example.org"), Category.USER_UNKNOWN, Optional.empty(), DomainRates.ownDelivery(AddressKey.of("x" + i + "@example.org")));
        }
        store.rates.flush();
        store.rates.evaluate(); // 20 bounces, 0 attempts: below the minimum volume, not judged

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(mail.getRecipients()).hasSize(3);
        assertThat(context.getSentMails()).isEmpty();
        assertThat(attempts("example.org")).isEqualTo(2);
        assertThat(attempts("example.net")).isEqualTo(1);
    }

    @Nested
    class ThrottledDomain {
        @Test
        void itsRecipientsAreHeldWhileAnotherDomainsPass() throws Exception {
            burstOfBounces("example.org");
            ThrottleByDomainRate mailet = mailet();
            mailet.service(outbound("first@example.org")); // the one token of the burst

            FakeMail mail = outbound("held@example.org", "fine@example.net");
            mailet.service(mail);

            assertThat(mail.getState()).isEqualTo("relay");
            assertThat(mail.getRecipients()).containsExactly(new MailAddress("fine@example.net"));
            assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
                assertThat(sent.getState()).isEqualTo("throttled");
                assertThat(sent.getRecipients()).containsExactly(new MailAddress("held@example.org"));
                assertThat(sent.getAttributes()).containsKey(ThrottleByDomainRate.RETRY_AT);
            });
        }

        @Test
        void aMailForItAloneGoesWholeToTheHeldProcessor() throws Exception {
            burstOfBounces("example.org");
            ThrottleByDomainRate mailet = mailet();
            mailet.service(outbound("first@example.org"));

            FakeMail mail = outbound("held@example.org", "held2@example.org");
            mailet.service(mail);

            assertThat(mail.getState()).isEqualTo("throttled");
            assertThat(mail.getRecipients()).hasSize(2);
            assertThat(mail.getAttribute(ThrottleByDomainRate.RETRY_AT)).isPresent();
            assertThat(context.getSentMails()).isEmpty();
        }

        @Test
        void theReducedRateLetsSomeThroughAndOnlyTheyAreCounted() throws Exception {
            burstOfBounces("example.org");
            long before = attempts("example.org");
            ThrottleByDomainRate mailet = mailet();

            List<FakeMail> mails = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                FakeMail mail = outbound("r" + i + "@example.org");
                mailet.service(mail);
                mails.add(mail);
            }

            assertThat(mails).filteredOn(m -> m.getState().equals("relay")).hasSize(1);
            assertThat(mails).filteredOn(m -> m.getState().equals("throttled")).hasSize(4);
            assertThat(attempts("example.org")).isEqualTo(before + 1);
        }

        @Test
        void anOperatorReleaseLetsMailFlowAgain() throws Exception {
            burstOfBounces("example.org");
            ThrottleByDomainRate mailet = mailet();
            mailet.service(outbound("first@example.org"));

            store.rates.release("example.org", "postmaster", "list cleaned");
            store.rates.evaluate(); // the release grace keeps it from escalating again on the same figures
            FakeMail mail = outbound("a@example.org", "b@example.org");
            mailet.service(mail);

            assertThat(store.rates.monitor().stateOf("example.org")).isEqualTo(DomainState.NORMAL);
            assertThat(mail.getState()).isEqualTo("relay");
            assertThat(mail.getRecipients()).hasSize(2);
            assertThat(context.getSentMails()).isEmpty();
        }
    }

    @Nested
    class Init {
        @Test
        void declaresTheHeldProcessor() throws Exception {
            assertThat(mailet().requiredProcessingState()).containsExactly(new ProcessingState("throttled"));
        }

        @Test
        void requiresTheHeldProcessor() {
            assertThatThrownBy(() -> Mailets.init(new ThrottleByDomainRate(store.rates), context))
                .isInstanceOf(MessagingException.class).hasMessageContaining("heldProcessor");
        }

        @Test
        void rejectsAnUnknownParameter() {
            assertThatThrownBy(() -> Mailets.init(new ThrottleByDomainRate(store.rates), context, "heldProcessor", "x", "rate", "5"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("rate");
        }
    }

    @Test
    void domainsAreCountedAsTheStoreKeysThem() throws Exception {
        assertThat(ThrottleByDomainRate.domainOf(new MailAddress("a@Example.ORG"))).isEqualTo("example.org");
        assertThat(ThrottleByDomainRate.domainOf(new MailAddress("a@xn--bcher-kva.example"))).isEqualTo("xn--bcher-kva.example");
    }
}
