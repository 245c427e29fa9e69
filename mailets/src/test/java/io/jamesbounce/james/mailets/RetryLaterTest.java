package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.testing.MutableClock;
import io.jamesbounce.james.common.Fixtures;

/** Retrying through James' spool queue (recorded here) on a clock moved by hand. */
class RetryLaterTest {
    private final MutableClock clock = new MutableClock(Store.NOW);
    private final FakeMailContext context = withPostmaster();
    private final RecordingQueues queues = new RecordingQueues();

    private static FakeMailContext withPostmaster() {
        try {
            return FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")).build();
        } catch (AddressException e) {
            throw new IllegalStateException(e);
        }
    }

    private RetryLater mailet(String... parameters) throws MessagingException {
        return Mailets.init(new RetryLater(queues, clock), context, parameters);
    }

    private static FakeMail failed() throws MessagingException {
        FakeMail mail = Fixtures.mailFrom("news@example.com", "plain.eml", "alice@example.org");
        mail.setState("bounce-retry");
        return mail;
    }

    /** What a try in the processor does with the mail back from the queue: it fails again, and lands here. */
    private Mail backAndFailingAgain(RetryLater mailet) throws MessagingException {
        Mail back = queues.enqueued().getLast().mail();
        clock.advance(queues.enqueued().getLast().delay());
        back.setState("bounce-retry");
        mailet.service(back);
        return back;
    }

    @Test
    void aFailedMailGoesBackToTheSpoolForItsProcessor() throws Exception {
        FakeMail mail = failed();

        mailet("processor", "root").service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(queues.enqueued()).singleElement().satisfies(back -> {
            assertThat(back.queue()).isEqualTo(MailQueueFactory.SPOOL);
            assertThat(back.mail().getState()).isEqualTo("root");
            assertThat(back.mail().getName()).isEqualTo(mail.getName());
            assertThat(back.delay()).isEqualTo(Duration.ofSeconds(30));
            assertThat(back.mail().getAttribute(AttributeName.of("io.jamesbounce.retry.root.since"))).isPresent();
        });
    }

    @Test
    void eachTryWaitsTwiceAsLongUpToTheMaximum() throws Exception {
        RetryLater mailet = mailet("processor", "root", "firstDelay", "30s", "maxDelay", "5m");
        mailet.service(failed());
        for (int i = 0; i < 6; i++) {
            backAndFailingAgain(mailet);
        }

        assertThat(queues.enqueued()).extracting(RecordingQueues.Enqueued::delay).containsExactly(Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(5), Duration.ofMinutes(5),
            Duration.ofMinutes(5));
        assertThat(mailet.delayAfter(10_000)).as("no overflow").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void afterTheGiveUpTimeTheMailGoesOnToTheNextMailetAndThePostmasterIsToldOnce() throws Exception {
        RetryLater mailet = mailet("processor", "root", "firstDelay", "1m", "maxDelay", "10m", "giveUpAfter", "1h");
        mailet.service(failed());
        Mail last = null;
        while (queues.enqueued().size() < 100) {
            int before = queues.enqueued().size();
            last = backAndFailingAgain(mailet);
            if (queues.enqueued().size() == before) {
                break;
            }
        }

        assertThat(last.getState()).as("left for the next mailet: a repository").isEqualTo("bounce-retry");
        assertThat(last.getAttribute(RetryLater.GAVE_UP)).isPresent();
        assertThat(last.getAttribute(AttributeName.of("io.jamesbounce.retry.root.since"))).as("a reprocess starts afresh").isEmpty();
        assertThat(queues.enqueued()).as("after 1, 2, 4, 8, then 10 minutes until the hour is over").hasSize(9);
        assertThat(context.getSentMails()).singleElement().satisfies(alert ->
            assertThat(alert.getMsg().getSubject()).isEqualTo("[bounce] 1 mail(s) no longer retried for root"));

        FakeMail another = failed();
        another.setAttribute(new Attribute(AttributeName.of("io.jamesbounce.retry.root.since"),
            AttributeValue.of(clock.instant().minus(Duration.ofHours(2)).toString())));
        mailet.service(another);
        assertThat(another.getAttribute(RetryLater.GAVE_UP)).isPresent();
        assertThat(context.getSentMails()).as("within the hour: no second alert").hasSize(1);
        clock.advance(Duration.ofHours(1));
        FakeMail third = failed();
        third.setAttribute(another.getAttribute(RetryLater.GAVE_UP).map(a -> new Attribute(AttributeName.of("io.jamesbounce.retry.root.since"),
            a.getValue())).orElseThrow());
        mailet.service(third);
        assertThat(context.getSentMails()).hasSize(2).last().satisfies(alert ->
            assertThat(alert.getMsg().getSubject()).as("the two given up since the last alert").isEqualTo("[bounce] 2 mail(s) no longer retried for root"));
    }

    @Test
    void processorsKeepTheirOwnCounts() throws Exception {
        FakeMail mail = failed();
        mailet("processor", "root").service(mail);
        Mail back = queues.enqueued().getFirst().mail();
        back.setState("relay-deferred");

        mailet("processor", "relay").service(back);

        assertThat(queues.enqueued().get(1).delay()).as("a first try for relay").isEqualTo(Duration.ofSeconds(30));
    }

    @Nested
    class Init {
        @Test
        void requiresTheProcessor() {
            assertThatThrownBy(() -> mailet()).isInstanceOf(MessagingException.class).hasMessageContaining("processor");
        }

        @Test
        void rejectsAMaximumBelowTheFirstDelay() {
            assertThatThrownBy(() -> mailet("processor", "root", "firstDelay", "5m", "maxDelay", "1m"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("maxDelay");
        }

        @Test
        void rejectsWhatIsNotADuration() {
            assertThatThrownBy(() -> mailet("processor", "root", "giveUpAfter", "forever"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("giveUpAfter");
        }
    }
}
