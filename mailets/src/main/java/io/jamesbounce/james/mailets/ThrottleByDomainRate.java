package io.jamesbounce.james.mailets;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.rates.ThrottleDecision;
import io.jamesbounce.core.text.LogValues;
import io.jamesbounce.store.DomainRates;

/**
 * Outbound, just before RemoteDelivery: counts every recipient about to be sent against its domain
 * ({@link DomainRates#recordAttempt}) and holds back the recipients of a throttled domain beyond its
 * reduced rate. Each held message reserves a send slot of its domain, written in the attribute
 * {@value #RETRY_AT_NAME} (ISO-8601), and goes back to James' spool queue with a delay: it comes back
 * to this processor by itself, passes the mailets before this one again (a recipient suppressed in
 * the meantime is dropped), and is sent when its slot is due, so a throttled domain drains at its
 * rate with no command. It comes back at least every {@code recheck} (5 minutes), so that a release
 * or a cool-down lets it go early. The mail keeps the recipients that may go; a held domain's
 * recipients leave in a copy of their own.
 *
 * <p>With {@code heldProcessor}, held mail is sent to that processor instead (to park it in a
 * repository, say); reprocessed into this processor later, it keeps its slot.
 */
public class ThrottleByDomainRate extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ThrottleByDomainRate.class);
    static final String HELD_PROCESSOR = "heldProcessor";
    static final String RECHECK = "recheck";
    static final Duration DEFAULT_RECHECK = Duration.ofMinutes(5);
    static final String RETRY_AT_NAME = "io.jamesbounce.throttled-until";
    public static final AttributeName RETRY_AT = AttributeName.of(RETRY_AT_NAME);

    private final DomainRates rates;
    private final MailQueueFactory<?> queues;
    private Optional<String> heldProcessor = Optional.empty();
    private Duration recheck = DEFAULT_RECHECK;
    private SpoolLater spool;

    @Inject
    public ThrottleByDomainRate(DomainRates rates, MailQueueFactory<?> queues) {
        this.rates = rates;
        this.queues = queues;
    }

    @Override
    public void init() throws MessagingException {
        InitParameters parameters = InitParameters.of(this, HELD_PROCESSOR, RECHECK);
        heldProcessor = parameters.processor(HELD_PROCESSOR);
        recheck = parameters.duration(RECHECK).orElse(DEFAULT_RECHECK);
        if (heldProcessor.isEmpty()) {
            spool = new SpoolLater(queues);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<Instant> reserved = reservedSlot(mail);
        Admission admission = admit(mail.getRecipients(), reserved);
        if (admission.heldUntil().isEmpty()) {
            reserved.ifPresent(slot -> mail.removeAttribute(RETRY_AT));
            return;
        }
        if (admission.kept().isEmpty() && admission.heldUntil().size() == 1) {
            Map.Entry<String, Instant> only = admission.heldUntil().entrySet().iterator().next();
            holdWhole(mail, only.getKey(), only.getValue());
            return;
        }
        holdApart(mail, admission);
        if (admission.kept().isEmpty()) {
            mail.setState(Mail.GHOST);
        } else {
            mail.setRecipients(admission.kept());
            reserved.ifPresent(slot -> mail.removeAttribute(RETRY_AT));
        }
    }

    /** The recipients by domain; those whose domain may be sent to now, and until when the others are held. */
    private record Admission(Map<String, List<MailAddress>> byDomain, List<MailAddress> kept, Map<String, Instant> heldUntil) {
    }

    private Admission admit(Collection<MailAddress> recipients, Optional<Instant> reserved) {
        Map<String, List<MailAddress>> byDomain = new LinkedHashMap<>();
        for (MailAddress recipient : recipients) { // usually one, after VerpReturnPath
            byDomain.computeIfAbsent(domainOf(recipient), d -> new ArrayList<>(1)).add(recipient);
        }
        List<MailAddress> kept = new ArrayList<>();
        Map<String, Instant> heldUntil = new LinkedHashMap<>();
        for (Map.Entry<String, List<MailAddress>> domain : byDomain.entrySet()) {
            ThrottleDecision decision = decideFor(domain.getKey(), domain.getValue().size(), reserved);
            if (decision.allowed()) {
                kept.addAll(domain.getValue());
            } else {
                heldUntil.put(domain.getKey(), decision.retryAt().orElseThrow());
            }
        }
        return new Admission(byDomain, kept, heldUntil);
    }

    /** Each held domain's recipients leave the mail in a copy of their own, held until the domain's slot. */
    private void holdApart(Mail mail, Admission admission) throws MessagingException {
        for (Map.Entry<String, Instant> held : admission.heldUntil().entrySet()) {
            Mail copy = mail.duplicate();
            try {
                copy.setRecipients(admission.byDomain().get(held.getKey()));
                hold(copy, held.getKey(), held.getValue(), mail);
                if (heldProcessor.isPresent()) {
                    getMailetContext().sendMail(copy, heldProcessor.get());
                }
            } finally {
                LifecycleUtil.dispose(copy);
            }
        }
    }

    /**
     * A mail back from the queue (or reprocessed from a repository) with the slot it reserved is
     * admitted on that slot; any other reserves one.
     */
    private ThrottleDecision decideFor(String domain, int recipients, Optional<Instant> reserved) {
        ThrottleDecision decision = reserved.isPresent() ? rates.admit(domain, reserved.get()) : rates.decide(domain);
        if (decision.allowed()) {
            for (int i = 0; i < recipients; i++) {
                rates.recordAttempt(domain);
            }
        }
        return decision;
    }

    private void holdWhole(Mail mail, String domain, Instant slot) throws MessagingException {
        hold(mail, domain, slot, mail);
        if (heldProcessor.isPresent()) {
            mail.setState(heldProcessor.get());
        } else {
            mail.setState(Mail.GHOST);
        }
    }

    /** Marks the mail with its slot and, without a held processor, puts it back in the spool until then. */
    private void hold(Mail held, String domain, Instant slot, Mail original) throws MessagingException {
        held.setAttribute(new Attribute(RETRY_AT, AttributeValue.of(slot.toString())));
        Duration untilSlot = Duration.between(rates.clock().instant(), slot);
        Duration delay = untilSlot.compareTo(recheck) > 0 ? recheck : untilSlot;
        for (MailAddress recipient : held.getRecipients()) {
            LOGGER.info("throttled recipient held mail={} recipient={} domain={} until={} {}", original.getName(),
                LogValues.safe(recipient.asString()), domain, slot,
                heldProcessor.map(p -> "processor=" + p).orElse("back-in=" + delay.toMillis() + "ms"));
        }
        if (heldProcessor.isEmpty()) {
            spool.enqueue(held, original.getState(), delay); // back to this very processor
        }
    }

    private static Optional<Instant> reservedSlot(Mail mail) {
        return mail.getAttribute(RETRY_AT).flatMap(attribute -> attribute.getValue().valueAs(String.class)).flatMap(value -> {
            try {
                return Optional.of(Instant.parse(value));
            } catch (DateTimeParseException e) {
                LOGGER.warn("unreadable {} on mail={}: '{}', a new slot is reserved", RETRY_AT_NAME, mail.getName(), value);
                return Optional.empty();
            }
        });
    }

    /** As the store keys it; James' Domain is already lower case, so the usual ASCII name is taken as it is. */
    static String domainOf(MailAddress recipient) {
        String domain = recipient.getDomain().asString();
        int last = domain.length() - 1;
        if (last < 0 || domain.charAt(last) == '.') {
            return AddressKey.normaliseDomain(domain);
        }
        for (int i = 0; i <= last; i++) {
            char c = domain.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
                return AddressKey.normaliseDomain(domain);
            }
        }
        return domain;
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return heldProcessor.map(p -> List.of(new ProcessingState(p))).orElse(List.of());
    }

    @Override
    public String getMailetInfo() {
        return "Counts outbound recipients per domain and holds back those of throttled domains until their send slot";
    }
}
