package io.jamesbounce.it.harness;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A mail queue in memory (james-server-queue-memory 3.9.0 is not on Maven Central): copies on enqueue
 * keeping name and state as James' MemoryMailQueueFactory does, re-offers on RETRY.
 */
public class TestMailQueue implements MailQueue {
    private final MailQueueName name;
    private final LinkedBlockingQueue<Mail> mails = new LinkedBlockingQueue<>();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final Scheduler scheduler;

    public TestMailQueue(MailQueueName name) {
        this.name = name;
        this.scheduler = Schedulers.newBoundedElastic(4, 10_000, "test-queue-" + name.asString(), 60, true);
    }

    @Override
    public MailQueueName getName() {
        return name;
    }

    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        Mail copy;
        try {
            copy = copyOf(mail);
        } catch (Exception e) {
            throw new MailQueueException("cannot copy " + mail.getName(), e);
        }
        unfinished.incrementAndGet();
        if (delay.isZero() || delay.isNegative()) {
            mails.add(copy);
        } else {
            Mono.delay(delay).subscribe(any -> mails.add(copy));
        }
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        enQueue(mail, Duration.ZERO);
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        return Mono.fromRunnable(() -> {
            try {
                enQueue(mail);
            } catch (MailQueueException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public Publisher<MailQueueItem> deQueue() {
        return Flux.<MailQueueItem>generate(sink -> {
            try {
                Mail mail = null;
                while (mail == null) {
                    mail = mails.poll(100, TimeUnit.MILLISECONDS);
                }
                Mail taken = mail;
                sink.next(new MailQueueItem() {
                    @Override
                    public Mail getMail() {
                        return taken;
                    }

                    @Override
                    public void done(CompletionStatus status) {
                        if (status == CompletionStatus.RETRY) {
                            mails.add(taken);
                        } else {
                            unfinished.decrementAndGet();
                        }
                    }
                });
            } catch (InterruptedException e) {
                sink.complete();
            }
        }).subscribeOn(scheduler);
    }

    /** As James' memory queue copies: same name, same state (the processor the mail resumes in), own message. */
    private static Mail copyOf(Mail mail) throws jakarta.mail.MessagingException {
        MailImpl copy = MailImpl.duplicate(mail);
        copy.setName(mail.getName());
        copy.setState(mail.getState());
        if (mail.getMessage() != null) {
            copy.setMessage(new jakarta.mail.internet.MimeMessage(mail.getMessage()));
        }
        return copy;
    }

    /** Mails enqueued and not yet done with. */
    public int unfinished() {
        return unfinished.get();
    }

    @Override
    public void close() {
        scheduler.dispose();
    }
}
