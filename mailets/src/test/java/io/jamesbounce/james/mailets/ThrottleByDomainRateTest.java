package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Mail;
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
import io.jamesbounce.james.common.Fixtures;
import io.jamesbounce.store.DomainRates;

/**
 * The outbound throttle on the real in-memory rate store, on a clock that moves only when told: the
 * store's throttle is 2 messages a minute (1 when CRITICAL) with a burst of 1, so the CRITICAL domain
 * of these tests lets one message through, then one a minute; held mail goes back to James' spool
 * queue (here recorded) until its slot.
 */
class ThrottleByDomainRateTest {
    private final Store store = new Store();
    private final FakeMailContext context = FakeMailContext.defaultContext();
    private final RecordingQueues queues = new RecordingQueues();

    private ThrottleByDomainRate mailet(String... parameters) throws MessagingException {
        return Mailets.init(new ThrottleByDomainRate(store.rates, queues), context, parameters);
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
        void aMailForItAloneGoesBackToTheSpoolUntilItsSlot() throws Exception {
            burstOfBounces("example.org");
            ThrottleByDomainRate mailet = mailet();
            mailet.service(outbound("first@example.org")); // the one message of the burst

            FakeMail mail = outbound("held@example.org", "held2@example.org");
            mailet.service(mail);

            assertThat(mail.getState()).isEqualTo(Mail.GHOST);
            assertThat(queues.enqueued()).singleElement().satisfies(back -> {
                assertThat(back.queue()).isEqualTo(MailQueueFactory.SPOOL);
                assertThat(back.delay()).isEqualTo(Duration.ofSeconds(60));
                assertThat(back.mail().getState()).as("back to this processor").isEqualTo("relay");
                assertThat(back.mail().getName()).isEqualTo(mail.getName());
                assertThat(back.mail().getRecipients()).hasSize(2);
                assertThat(slotOf(back.mail())).isEqualTo(Store.NOW.plusSeconds(60));
            });
        }

        @Test
        void itsRecipientsLeaveInACopyWhileAnotherDomainsPass() throws Exception {
            burstOfBounces("example.org");
            ThrottleByDomainRate mailet = mailet();
            mailet.service(outbound("first@example.org"));

            FakeMail mail = outbound("held@example.org", "fine@example.net");
            mailet.service(mail);

            assertThat(mail.getState()).isEqualTo("relay");
            assertThat(mail.getRecipients()).containsExactly(new MailAddress("fine@example.net"));
            assertThat(mail.getAttribute(ThrottleByDomainRate.RETRY_AT)).isEmpty();
            assertThat(queues.enqueued()).singleElement().satisfies(back -> {
                assertThat(back.mail().getRecipients()).containsExactly(new MailAddress("held@example.org"));
                assertThat(back.mail().getState()).isEqualTo("relay");
            });
        }

        @Test
        void eachHeldMailReservesTheNextSlotAndWaitsAtMostTheRecheckInterval() throws Exception {
            burstOfBounces("example.org");
            ThrottleByDomainRate mailet = mailet("recheck", "90s");
            mailet.service(outbound("first@example.org"));

            for (int i = 0; i < 4; i++) {
                mailet.service(outbound("r" + i + "@example.org"));
            }

            assertThat(queues.enqueued()).extracting(back -> slotOf(back.mail()))
                .containsExactly(Store.NOW.plusSeconds(60), Store.NOW.plusSeconds(120), Store.NOW.plusSeconds(180), Store.NOW.plusSeconds(240));
            assertThat(queues.enqueued()).extracting(RecordingQueues.Enqueued::delay)
                .containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(90), Duration.ofSeconds(90), Duration.ofSeconds(90));
        }

        @Test
        void aHeldMailBackAtItsSlotGoesAndIsCountedOnce() throws Exception {
            burstOfBounces("example.org");
            long before = attempts("example.org");
            ThrottleByDomainRate mailet = mailet();
            mailet.service(outbound("first@example.org"));
            mailet.service(outbound("held@example.org"));
            Mail back = queues.enqueued().getFirst().mail();

            store.clock.advance(Duration.ofSeconds(60));
            mailet.service(back);

            assertThat(back.getState()).isEqualTo("relay");
            assertThat(back.getAttribute(ThrottleByDomainRate.RETRY_AT)).as("its slot is used").isEmpty();
            assertThat(queues.enqueued()).hasSize(1);
            assertThat(attempts("example.org")).isEqualTo(before + 2);
        }

        @Test
        void aHeldMailBackEarlyWaitsAgainForTheSameSlot() throws Exception {
            burstOfBounces("example.org");
            ThrottleByDomainRate mailet = mailet("recheck", "10s");
            mailet.service(outbound("first@example.org"));
            mailet.service(outbound("held@example.org"));
            Mail back = queues.enqueued().getFirst().mail();

            store.clock.advance(Duration.ofSeconds(10));
            mailet.service(back);

            assertThat(back.getState()).isEqualTo(Mail.GHOST);
            assertThat(queues.enqueued()).hasSize(2);
            assertThat(slotOf(queues.enqueued().get(1).mail())).isEqualTo(Store.NOW.plusSeconds(60));
            assertThat(queues.enqueued().get(1).delay()).isEqualTo(Duration.ofSeconds(10));
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
            assertThat(queues.enqueued()).hasSize(4);
            assertThat(attempts("example.org")).isEqualTo(before + 1);
        }

        @Test
        void aReleaseLetsNewMailAndHeldMailGoAtOnce() throws Exception {
            burstOfBounces("example.org");
            ThrottleByDomainRate mailet = mailet();
            mailet.service(outbound("first@example.org"));
            mailet.service(outbound("held@example.org"));
            Mail back = queues.enqueued().getFirst().mail();

            store.rates.release("example.org", "postmaster", "list cleaned");
            store.rates.evaluate(); // the release grace keeps it from escalating again on the same figures
            FakeMail mail = outbound("a@example.org", "b@example.org");
            mailet.service(mail);
            mailet.service(back);

            assertThat(store.rates.monitor().stateOf("example.org")).isEqualTo(DomainState.NORMAL);
            assertThat(mail.getState()).isEqualTo("relay");
            assertThat(mail.getRecipients()).hasSize(2);
            assertThat(back.getState()).as("before its slot").isEqualTo("relay");
            assertThat(queues.enqueued()).hasSize(1);
        }

        @Test
        void withAHeldProcessorHeldMailIsParkedThereWithItsSlot() throws Exception {
            burstOfBounces("example.org");
            ThrottleByDomainRate mailet = mailet("heldProcessor", "throttled");
            mailet.service(outbound("first@example.org"));

            FakeMail whole = outbound("held@example.org");
            FakeMail split = outbound("held2@example.org", "fine@example.net");
            mailet.service(whole);
            mailet.service(split);

            assertThat(whole.getState()).isEqualTo("throttled");
            assertThat(slotOf(whole)).isEqualTo(Store.NOW.plusSeconds(60));
            assertThat(split.getRecipients()).containsExactly(new MailAddress("fine@example.net"));
            assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
                assertThat(sent.getState()).isEqualTo("throttled");
                assertThat(sent.getRecipients()).containsExactly(new MailAddress("held2@example.org"));
                assertThat(sent.getAttributes()).containsKey(ThrottleByDomainRate.RETRY_AT);
            });
            assertThat(queues.enqueued()).isEmpty();
        }
    }

    private static Instant slotOf(Mail mail) {
        return Instant.parse(mail.getAttribute(ThrottleByDomainRate.RETRY_AT).orElseThrow().getValue().valueAs(String.class).orElseThrow());
    }

    @Nested
    class Init {
        @Test
        void declaresTheHeldProcessorWhenThereIsOne() throws Exception {
            assertThat(mailet("heldProcessor", "throttled").requiredProcessingState()).containsExactly(new ProcessingState("throttled"));
            assertThat(mailet().requiredProcessingState()).isEmpty();
        }

        @Test
        void rejectsARecheckThatIsNotADuration() {
            assertThatThrownBy(() -> mailet("recheck", "soon"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("recheck").hasMessageContaining("soon");
            assertThatThrownBy(() -> mailet("recheck", "0s")).isInstanceOf(MessagingException.class);
        }

        @Test
        void rejectsAnUnknownParameter() {
            assertThatThrownBy(() -> mailet("heldProcessor", "x", "rate", "5"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("rate");
        }
    }

    @Test
    void domainsAreCountedAsTheStoreKeysThem() throws Exception {
        assertThat(ThrottleByDomainRate.domainOf(new MailAddress("a@Example.ORG"))).isEqualTo("example.org");
        assertThat(ThrottleByDomainRate.domainOf(new MailAddress("a@xn--bcher-kva.example"))).isEqualTo("xn--bcher-kva.example");
    }
}
