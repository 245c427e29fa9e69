package io.jamesbounce.james.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.base.test.FakeMail;

/** Hand-written messages under {@code src/test/resources/eml}, wrapped in James mails. */
public final class Fixtures {
    private Fixtures() {
    }

    public static MimeMessage message(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/eml/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            return new MimeMessage(Session.getInstance(new Properties()), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mail of the fixture with the null reverse-path. */
    public static FakeMail bounceMail(String file, String... recipients) throws MessagingException {
        return FakeMail.builder().name(file).mimeMessage(message(file)).sender(MaybeSender.nullSender())
            .recipients(recipients).build();
    }

    public static FakeMail mailFrom(String sender, String file, String... recipients) throws MessagingException {
        return FakeMail.builder().name(file).mimeMessage(message(file)).sender(new MailAddress(sender))
            .recipients(recipients).build();
    }
}
