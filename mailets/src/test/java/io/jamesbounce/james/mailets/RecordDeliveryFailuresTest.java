package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.james.common.Fixtures;
import io.jamesbounce.store.Suppression;

class RecordDeliveryFailuresTest {
    private static final String USER_UNKNOWN = "550 5.1.1 <gina@example.org>: Recipient address rejected: User unknown in virtual mailbox table";

    private final Store store = new Store();

    private RecordDeliveryFailures mailet(String... parameters) throws MessagingException {
        return Mailets.init(new RecordDeliveryFailures(store.ingestion),
            FakeMailContext.defaultContext(), parameters);
    }

    /** A mail as James' Bouncer hands it to the bounces processor. */
    private static FakeMail failed(String error, Integer code, Boolean permanent, String... recipients) throws MessagingException {
        FakeMail mail = Fixtures.mailFrom("news@example.com", "plain.eml", recipients);
        mail.setState("bounces");
        mail.setAttribute(new Attribute(RecordDeliveryFailures.DELIVERY_ERROR, AttributeValue.of(error)));
        if (code != null) {
            mail.setAttribute(new Attribute(RecordDeliveryFailures.DELIVERY_ERROR_CODE, AttributeValue.of(code)));
        }
        if (permanent != null) {
            mail.setAttribute(new Attribute(RecordDeliveryFailures.IS_DELIVERY_PERMANENT_ERROR, AttributeValue.of(permanent)));
        }
        return mail;
    }

    @Test
    void aStoreFailureIsThrownAndTheMailRecordedOnceWhenProcessedAgain() throws Exception {
        RecordDeliveryFailures mailet = mailet();
        FakeMail mail = failed(USER_UNKNOWN, 550, true, "gina@example.org");
        store.outage.down();

        assertThatThrownBy(() -> mailet.service(mail))
            .isInstanceOf(MessagingException.class).hasMessageContaining(mail.getName());
        assertThat(mail.getState()).isEqualTo("bounces");

        store.outage.up();
        mailet.service(mail);
        mailet.service(mail);

        assertThat(store.repository.events(AddressKey.of("gina@example.org"))).hasSize(1);
    }

    @Test
    void aPermanentFailureSuppressesWithTheSmtpReplyVerbatim() throws Exception {
        mailet().service(failed(USER_UNKNOWN, 550, true, "gina@example.org"));

        Suppression suppression = store.repository.find(AddressKey.of("gina@example.org")).orElseThrow();
        assertThat(suppression.source()).isEqualTo(EventSource.SYNCHRONOUS_DELIVERY_FAILURE);
        assertThat(suppression.category()).isEqualTo(Category.USER_UNKNOWN);
        assertThat(suppression.diagnostic()).contains(USER_UNKNOWN);
        assertThat(suppression.replyCode()).contains(new ReplyCode(550));
        assertThat(suppression.status()).contains(EnhancedStatus.of("5.1.1"));
    }

    @Test
    void theMailContinuesInItsProcessorForDsnBounce() throws Exception {
        FakeMail mail = failed(USER_UNKNOWN, 550, true, "gina@example.org");

        mailet().service(mail);

        assertThat(mail.getState()).isEqualTo("bounces");
        assertThat(mail.getAttribute(RecordsJson.RECORDS)).isPresent();
    }

    @Test
    void everyFailureCountsOnceAgainstItsDomain() throws Exception {
        mailet().service(failed(USER_UNKNOWN, 550, true, "gina@example.org", "hank@example.org"));
        mailet().service(failed(USER_UNKNOWN, 550, true, "ivy@example.org"));
        store.rates.flush();

        assertThat(store.rates.figures()).singleElement().satisfies(figures -> {
            assertThat(figures.domain()).isEqualTo("example.org");
            assertThat(figures.rateWindow().bounces(Category.USER_UNKNOWN)).isEqualTo(3);
        });
    }

    @Test
    void everyFailedRecipientIsRecorded() throws Exception {
        mailet().service(failed(USER_UNKNOWN, 550, true, "gina@example.org", "hank@example.org"));

        assertThat(store.isSuppressed("gina@example.org")).isTrue();
        assertThat(store.isSuppressed("hank@example.org")).isTrue();
    }

    @Test
    void retriesExhaustedWithoutACauseCountAsExpiredAndDoNotSuppressAtOnce() throws Exception {
        mailet().service(failed("Too many retries failure. Bouncing after 5 retries.", null, false, "ivy@example.org"));

        assertThat(store.isSuppressed("ivy@example.org")).isFalse();
        assertThat(store.repository.events(AddressKey.of("ivy@example.org"))).singleElement()
            .extracting(BounceEvent::category).isEqualTo(Category.EXPIRED);
    }

    @Test
    void aTemporaryFailureKeepsItsCause() throws Exception {
        mailet().service(failed("452 4.2.2 Mailbox full", 452, false, "jo@example.org"));

        assertThat(store.repository.events(AddressKey.of("jo@example.org"))).singleElement()
            .extracting(BounceEvent::category).isEqualTo(Category.MAILBOX_FULL);
        assertThat(store.isSuppressed("jo@example.org")).isFalse();
    }

    @Test
    void theSameFailedMailProcessedTwiceCountsOnce() throws Exception {
        mailet().service(failed("452 4.2.2 Mailbox full", 452, false, "jo@example.org"));
        mailet().service(failed("452 4.2.2 Mailbox full", 452, false, "jo@example.org"));

        assertThat(store.repository.events(AddressKey.of("jo@example.org"))).hasSize(1);
    }

    @Test
    void aMailWithoutRemoteDeliveryAttributesIsLeftAlone() throws Exception {
        FakeMail mail = Fixtures.mailFrom("news@example.com", "plain.eml", "kim@example.org");
        mail.setState("bounces");

        mailet().service(mail);

        assertThat(mail.getState()).isEqualTo("bounces");
        assertThat(store.repository.events(AddressKey.of("kim@example.org"))).isEmpty();
    }

    @Test
    void aRecordedFailureGoesToTheConfiguredProcessor() throws Exception {
        FakeMail mail = failed(USER_UNKNOWN, 550, true, "gina@example.org");

        mailet("recordedProcessor", "notify-sender").service(mail);

        assertThat(mail.getState()).isEqualTo("notify-sender");
    }

    @Test
    void initShouldRejectAnUnknownParameterNamingIt() {
        assertThatThrownBy(() -> mailet("bounceProcessor", "x"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("bounceProcessor");
    }
}
