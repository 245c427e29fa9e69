package io.jamesbounce.james.mailets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where mail waits for the suppression store (the sample's {@code bounce-retry}, {@code bounces-retry}
 * and {@code relay-deferred}): puts the mail back in James' spool queue, to be tried again in
 * {@code processor} after {@code firstDelay} (30 s), then twice as long each time up to
 * {@code maxDelay} (10 min), so that a store back up is caught up on by itself. Once
 * {@code giveUpAfter} (1 day) has passed since the mail's first failure, it is no longer retried: it
 * goes on to the next mailet of the processor (a {@code ToRepository}, to keep it for a person), the
 * attribute {@value #GAVE_UP_NAME} says since when, and the postmaster is told, at most once an hour
 * with how many were given up since the last alert.
 *
 * <p>The mail carries its count of tries ({@code io.jamesbounce.retry.<processor>.tries}) and the time
 * of its first failure ({@code io.jamesbounce.retry.<processor>.since}) from one try to the next; both
 * are removed when it is given up, so that a mail reprocessed by hand is retried afresh.
 */
public class RetryLater extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RetryLater.class);
    static final String GAVE_UP_NAME = "io.jamesbounce.retry.gave-up";
    static final AttributeName GAVE_UP = AttributeName.of(GAVE_UP_NAME);
    static final Duration ALERT_EVERY = Duration.ofHours(1);
    private static final int MAX_DOUBLINGS = 30;

    private final MailQueueFactory<?> queues;
    private final Clock clock;
    private String processor;
    private AttributeName tries;
    private AttributeName since;
    private Duration firstDelay;
    private Duration maxDelay;
    private Duration giveUpAfter;
    private SpoolLater spool;
    private final AlertEvery alerts = new AlertEvery(ALERT_EVERY);
    private PendingAlerts untold = PendingAlerts.NONE;

    @Inject
    public RetryLater(MailQueueFactory<?> queues, Clock clock) {
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        InitParameters parameters = InitParameters.of(this, "processor", "firstDelay", "maxDelay", "giveUpAfter");
        processor = parameters.processor("processor")
            .orElseThrow(() -> new MessagingException(getMailetName() + ": parameter processor is required"));
        tries = AttributeName.of("io.jamesbounce.retry." + processor + ".tries");
        since = AttributeName.of("io.jamesbounce.retry." + processor + ".since");
        firstDelay = parameters.duration("firstDelay").orElse(Duration.ofSeconds(30));
        maxDelay = parameters.duration("maxDelay").orElse(Duration.ofMinutes(10));
        giveUpAfter = parameters.duration("giveUpAfter").orElse(Duration.ofDays(1));
        if (maxDelay.compareTo(firstDelay) < 0) {
            throw new MessagingException(getMailetName() + ": maxDelay " + maxDelay + " is shorter than firstDelay " + firstDelay);
        }
        spool = new SpoolLater(queues);
        untold = PendingAlerts.start(getMailetName(), () -> alerts.due(clock.instant()).ifPresent(this::alert));
    }

    @Override
    public void destroy() {
        untold.close();
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Instant now = clock.instant();
        Instant failingSince = failingSince(mail).orElse(now);
        int tried = mail.getAttribute(tries).flatMap(a -> a.getValue().valueAs(Integer.class)).orElse(0);
        if (!now.isBefore(failingSince.plus(giveUpAfter))) {
            giveUp(mail, failingSince, tried, now);
            return;
        }
        Duration delay = delayAfter(tried);
        mail.setAttribute(new Attribute(since, AttributeValue.of(failingSince.toString())));
        mail.setAttribute(new Attribute(tries, AttributeValue.of(tried + 1)));
        LOGGER.info("mail retried later mail={} processor={} try={} in={}ms failing-since={}", mail.getName(), processor, tried + 1,
            delay.toMillis(), failingSince);
        spool.enqueue(mail, processor, delay);
        mail.setState(Mail.GHOST);
    }

    /** {@code firstDelay}, doubled after each try, at most {@code maxDelay}. */
    Duration delayAfter(int tries) {
        Duration delay = firstDelay.multipliedBy(1L << Math.min(tries, MAX_DOUBLINGS));
        return delay.compareTo(maxDelay) > 0 || delay.isNegative() ? maxDelay : delay;
    }

    private void giveUp(Mail mail, Instant failingSince, int tried, Instant now) {
        mail.setAttribute(new Attribute(GAVE_UP, AttributeValue.of(now.toString())));
        mail.removeAttribute(tries);
        mail.removeAttribute(since);
        LOGGER.warn("mail given up after retries mail={} processor={} tries={} failing-since={}", mail.getName(), processor,
            tried, failingSince);
        alerts.occurred(now).ifPresent(this::alert);
    }

    private void alert(long givenUp) {
        String subject = "[bounce] " + givenUp + " mail(s) no longer retried for " + processor;
        String text = givenUp + " mail(s) could not be handled in processor " + processor + " for " + giveUpAfter
            + " and are no longer retried: they are kept by the mailets after " + getMailetName()
            + " (a repository, in the sample configuration; each is logged as 'mail given up after retries'). Check the "
            + "suppression store, then reprocess them into " + processor + " through WebAdmin. At most one such alert an hour.";
        try {
            PostmasterAlert.send(getMailetContext(), subject, text);
        } catch (MessagingException | RuntimeException e) {
            LOGGER.warn("retry alert not sent processor={} given-up={} cause={}", processor, givenUp, e.toString());
        }
    }

    private Optional<Instant> failingSince(Mail mail) {
        return mail.getAttribute(since).flatMap(a -> a.getValue().valueAs(String.class)).flatMap(value -> {
            try {
                return Optional.of(Instant.parse(value));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public String getMailetInfo() {
        return "Puts mail back in the spool with a growing delay until it can be handled, then gives up and alerts";
    }
}
