package io.jamesbounce.james.mailets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
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
import io.jamesbounce.store.DomainRates;

/**
 * Outbound, just before RemoteDelivery: counts every recipient about to be sent against its domain
 * ({@link DomainRates#recordAttempt}) and holds back the recipients of a throttled domain once its
 * reduced rate is used up. The mail keeps the others; a copy addressed to the held recipients only
 * goes to {@code heldProcessor}, with the time a token is next available in the attribute
 * {@value #RETRY_AT_NAME} (ISO-8601). One decision per domain per mail, as RemoteDelivery sends one
 * message per domain. In memory, no I/O.
 */
public class ThrottleByDomainRate extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ThrottleByDomainRate.class);
    static final String HELD_PROCESSOR = "heldProcessor";
    static final String RETRY_AT_NAME = "io.jamesbounce.throttled-until";
    public static final AttributeName RETRY_AT = AttributeName.of(RETRY_AT_NAME);

    private final DomainRates rates;
    private String heldProcessor;

    @Inject
    public ThrottleByDomainRate(DomainRates rates) {
        this.rates = rates;
    }

    @Override
    public void init() throws MessagingException {
        heldProcessor = InitParameters.of(this, HELD_PROCESSOR).processor(HELD_PROCESSOR)
            .orElseThrow(() -> new MessagingException(getMailetName() + ": parameter " + HELD_PROCESSOR + " is required"));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Collection<MailAddress> recipients = mail.getRecipients();
        if (recipients.size() == 1) { // the usual case after VerpReturnPath: no grouping
            MailAddress recipient = recipients.iterator().next();
            ThrottleDecision decision = decideFor(domainOf(recipient), 1);
            if (!decision.allowed()) {
                hold(mail, List.of(recipient), decision, List.of());
            }
            return;
        }
        Map<String, List<MailAddress>> byDomain = new LinkedHashMap<>();
        for (MailAddress recipient : recipients) {
            byDomain.computeIfAbsent(domainOf(recipient), d -> new ArrayList<>()).add(recipient);
        }
        List<MailAddress> held = new ArrayList<>();
        List<MailAddress> kept = new ArrayList<>();
        Optional<ThrottleDecision> firstHold = Optional.empty();
        for (Map.Entry<String, List<MailAddress>> domain : byDomain.entrySet()) {
            ThrottleDecision decision = decideFor(domain.getKey(), domain.getValue().size());
            if (decision.allowed()) {
                kept.addAll(domain.getValue());
            } else {
                held.addAll(domain.getValue());
                firstHold = firstHold.isPresent() ? firstHold : Optional.of(decision);
            }
        }
        if (!held.isEmpty()) {
            hold(mail, held, firstHold.orElseThrow(), kept);
        }
    }

    private ThrottleDecision decideFor(String domain, int recipients) {
        ThrottleDecision decision = rates.decide(domain);
        if (decision.allowed()) {
            for (int i = 0; i < recipients; i++) {
                rates.recordAttempt(domain);
            }
        }
        return decision;
    }

    private void hold(Mail mail, List<MailAddress> held, ThrottleDecision decision, List<MailAddress> kept) throws MessagingException {
        String retryAt = decision.retryAt().orElseThrow().toString();
        for (MailAddress recipient : held) {
            LOGGER.info("throttled recipient held mail={} recipient={} until={} processor={}",
                mail.getName(), recipient.asString(), retryAt, heldProcessor);
        }
        if (kept.isEmpty()) { // the whole mail is held: no copy
            mail.setAttribute(new Attribute(RETRY_AT, AttributeValue.of(retryAt)));
            mail.setState(heldProcessor);
            return;
        }
        Mail copy = mail.duplicate();
        copy.setRecipients(held);
        copy.setAttribute(new Attribute(RETRY_AT, AttributeValue.of(retryAt)));
        getMailetContext().sendMail(copy, heldProcessor);
        mail.setRecipients(kept);
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
        return List.of(new ProcessingState(heldProcessor));
    }

    @Override
    public String getMailetInfo() {
        return "Counts outbound recipients per domain and holds back those of throttled domains";
    }
}
