package io.jamesbounce.james.mailets;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.text.Addresses;
import io.jamesbounce.core.trust.TrustSettings;
import io.jamesbounce.core.verp.SignedVerpScheme;
import io.jamesbounce.core.verp.VerpScheme;
import io.jamesbounce.core.verp.VerpVerification;

/**
 * Outbound VERP: the envelope sender becomes a bounce address that encodes the recipient,
 * {@code bounces+alice=example.org@bounce.example.com}, so that a later bounce, however badly
 * written, maps to exactly one recipient.
 *
 * <p>A mail for one recipient, as James carries it ({@link MailImpl}), gets its VERP sender in place
 * and goes on to the next mailet (or to {@code processor} when one is configured): copying it
 * through the spool cost the relay about 15 % of its throughput ({@code scripts/load-james}). The
 * mailet API itself cannot change a sender, so a mail for several recipients (or another
 * implementation of {@link Mail}) is split: every recipient gets its own mail, sent with its VERP
 * sender to {@code processor} (default: the processor this mailet runs in), and the original is
 * consumed; mail attributes are not carried over to the new mails. A mail that already carries the
 * VERP sender of its only recipient is left alone, so re-entering the same processor is safe. Mail
 * with the null reverse-path (bounces) is never touched.
 *
 * <p>With a signing key configured ({@code verp.signing-key}), the return path also carries a keyed
 * signature of the recipient and an expiry, {@code bounces+<tag>+alice=example.org@...}
 * ({@link SignedVerpScheme}): a bounce to it proves it answers mail we sent to that recipient.
 */
public class VerpReturnPath extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(VerpReturnPath.class);
    static final String BOUNCE_DOMAIN = "bounceDomain";
    static final String PROCESSOR = "processor";

    private final VerpScheme scheme;
    private final Optional<SignedVerpScheme> signed;
    private String bounceDomain;
    private Optional<String> processor;

    @Inject
    public VerpReturnPath(VerpScheme scheme, TrustSettings trust) {
        this.scheme = scheme;
        this.signed = trust.verp();
    }

    @Override
    public void init() throws MessagingException {
        InitParameters parameters = InitParameters.of(this, BOUNCE_DOMAIN, PROCESSOR);
        bounceDomain = parameters.domain(BOUNCE_DOMAIN);
        processor = parameters.processor(PROCESSOR);
        if (signed.isPresent() && signed.get().verify(signed.get().sign("probe@example.org", bounceDomain)) instanceof VerpVerification.NotOurs) {
            throw new MessagingException("bounceDomain " + bounceDomain + " of " + getMailetName()
                + " is not one of verp.bounce-domains in bounces.properties: its bounces could not be verified");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (!mail.hasSender() || mail.getRecipients().isEmpty() || alreadyVerp(mail)) {
            return;
        }
        if (mail.getRecipients().size() == 1 && mail instanceof MailImpl james) {
            rewriteInPlace(james);
            return;
        }
        String state = processor.orElseGet(() -> mail.getState() == null ? Mail.DEFAULT : mail.getState());
        for (MailAddress recipient : mail.getRecipients()) {
            getMailetContext().sendMail(senderFor(mail, recipient), List.of(recipient), mail.getMessage(), state);
        }
        LOGGER.debug("VERP applied mail={} recipients={} processor={}", mail.getName(), mail.getRecipients().size(), state);
        mail.setState(Mail.GHOST);
    }

    private void rewriteInPlace(MailImpl mail) {
        mail.setSender(senderFor(mail, mail.getRecipients().iterator().next()));
        processor.ifPresent(mail::setState);
        LOGGER.debug("VERP applied in place mail={} processor={}", mail.getName(), mail.getState());
    }

    /** The recipient's VERP sender, or the mail's own when the recipient cannot be encoded (said in a WARN). */
    private MailAddress senderFor(Mail mail, MailAddress recipient) {
        MailAddress originalSender = mail.getMaybeSender().get();
        return verpSender(recipient).orElseGet(() -> {
            LOGGER.warn("no VERP sender for mail={} recipient={}: kept the sender {}", mail.getName(), recipient, originalSender);
            return originalSender;
        });
    }

    private boolean alreadyVerp(Mail mail) {
        if (mail.getRecipients().size() != 1) {
            return false;
        }
        MailAddress sender = mail.getMaybeSender().get();
        MailAddress recipient = mail.getRecipients().iterator().next();
        if (!sender.getDomain().asString().equalsIgnoreCase(bounceDomain)) {
            return false;
        }
        if (signed.isPresent()) {
            return signed.get().verify(sender.asString()).validRecipient()
                .filter(Addresses.normalise(recipient.asString()).toLowerCase(Locale.ROOT)::equals).isPresent();
        }
        return scheme.decode(sender.asString()).filter(Addresses.normalise(recipient.asString())::equals).isPresent();
    }

    private Optional<MailAddress> verpSender(MailAddress recipient) {
        try {
            String returnPath = signed.isPresent() ? signed.get().sign(recipient.asString(), bounceDomain)
                : scheme.encode(recipient.asString(), bounceDomain);
            return Optional.of(new MailAddress(returnPath));
        } catch (AddressException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return processor.map(ProcessingState::new).map(List::of).orElse(List.of());
    }

    @Override
    public String getMailetInfo() {
        return "Rewrites the envelope sender to a per-recipient VERP bounce address";
    }
}
