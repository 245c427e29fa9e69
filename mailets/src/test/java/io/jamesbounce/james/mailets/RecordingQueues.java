package io.jamesbounce.james.mailets;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.mail.MessagingException;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

/** James' queues as the mailets see them: what was put back in the spool, a copy of the mail with its delay. */
final class RecordingQueues implements MailQueueFactory<MailQueue> {
    record Enqueued(MailQueueName queue, Mail mail, Duration delay) {
    }

    private final List<Enqueued> enqueued = new CopyOnWriteArrayList<>();

    List<Enqueued> enqueued() {
        return List.copyOf(enqueued);
    }

    @Override
    public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return Optional.of(createQueue(name, count));
    }

    @Override
    public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return new MailQueue() {
            @Override
            public MailQueueName getName() {
                return name;
            }

            @Override
            public void enQueue(Mail mail, Duration delay) throws MailQueueException {
                try {
                    // a copy with the same name and state, as James' queues keep
                    Mail copy = mail.duplicate();
                    copy.setName(mail.getName());
                    copy.setState(mail.getState());
                    enqueued.add(new Enqueued(name, copy, delay));
                } catch (MessagingException e) {
                    throw new MailQueueException("cannot copy " + mail.getName(), e);
                }
            }

            @Override
            public void enQueue(Mail mail) throws MailQueueException {
                enQueue(mail, Duration.ZERO);
            }

            @Override
            public Publisher<Void> enqueueReactive(Mail mail) {
                throw new UnsupportedOperationException("not used by the mailets");
            }

            @Override
            public Publisher<MailQueueItem> deQueue() {
                throw new UnsupportedOperationException("not used by the mailets");
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return Set.of(MailQueueFactory.SPOOL);
    }
}
