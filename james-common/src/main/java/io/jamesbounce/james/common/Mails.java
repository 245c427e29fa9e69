package io.jamesbounce.james.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.mailet.Mail;

/** Turns a James {@link Mail} into what the core takes. */
public final class Mails {
    private Mails() {
    }

    /** The message as it would go on the wire, headers and body, for {@code BounceAnalyzer.analyze(byte[])}. */
    public static byte[] bytesOf(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        if (message == null) {
            throw new MessagingException("mail " + mail.getName() + " has no message");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, (int) Math.min(Integer.MAX_VALUE - 8, safeSize(mail))));
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("cannot read the message of mail " + mail.getName(), e);
        }
        return out.toByteArray();
    }

    /** The Message-ID header, when the message has one. */
    /**
     * The Message-ID as one line: its folds (a CR LF is only ever part of one) removed and trimmed, so
     * that a report key or a log line never carries a line break a sender put there.
     */
    public static Optional<String> messageId(Mail mail) {
        try {
            return Optional.ofNullable(mail.getMessage()).map(m -> {
                try {
                    return m.getMessageID();
                } catch (MessagingException e) {
                    return null;
                }
            }).map(Mails::unfolded).filter(s -> !s.isEmpty());
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    private static long safeSize(Mail mail) {
        try {
            return mail.getMessageSize();
        } catch (MessagingException e) {
            return 0;
        }
    }

    private static String unfolded(String value) {
        return value.replace("\r", "").replace("\n", "").trim();
    }
}
