package io.jamesbounce.james.mailets;

import java.time.Duration;
import java.util.Objects;

import jakarta.mail.MessagingException;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Mail;

/**
 * James' spool queue, where a mail is put back to be processed again after a delay, in the processor
 * its state names: how held and retried mail leaves by itself, with no repository to reprocess.
 * James' queues copy what they are given, so the caller keeps (and disposes of) its own mail.
 */
final class SpoolLater {
    private final MailQueue spool;

    /** Opens the spool queue: call from a mailet's {@code init()}, once James' queues exist. */
    SpoolLater(MailQueueFactory<?> queues) {
        this.spool = Objects.requireNonNull(queues, "queues").createQueue(MailQueueFactory.SPOOL);
    }

    void enqueue(Mail mail, String processor, Duration delay) throws MessagingException {
        mail.setState(processor);
        spool.enQueue(mail, delay.isNegative() ? Duration.ZERO : delay);
    }
}
