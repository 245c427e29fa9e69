package io.jamesbounce.james.mailets;

import java.util.function.Supplier;

import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.text.LogValues;
import io.jamesbounce.james.common.Mails;

/** How the recording mailets meet a store that fails: the mail is kept, never dropped. */
final class StoreCalls {
    private static final Logger LOGGER = LoggerFactory.getLogger(StoreCalls.class);

    private StoreCalls() {
    }

    /**
     * Runs a store call; its failure becomes a {@link MessagingException}, so that James'
     * {@code onMailetException} keeps the mail (by default in the error repository) for a retry, with a
     * WARN naming the mail.
     */
    static <T> T keepingTheMail(Mail mail, Supplier<T> storeCall) throws MessagingException {
        try {
            return storeCall.get();
        } catch (RuntimeException e) {
            LOGGER.warn("bounce store failed, mail left to onMailetException mail={} sender={} message-id={} cause={}",
                mail.getName(), LogValues.safe(mail.getMaybeSender().asString()), LogValues.safe(Mails.messageId(mail).orElse("-")),
                LogValues.safe(e.toString()));
            throw new MessagingException("bounce store failed for mail " + mail.getName() + ": " + e, e);
        }
    }
}
