package io.jamesbounce.james.mailets;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;

/** A short mail from James' postmaster to itself: what the extension says when something needs a person. */
public final class PostmasterAlert {
    private PostmasterAlert() {
    }

    /** Sends the alert; a failure is thrown, for the caller to log (an alert must never stop mail). */
    public static void send(MailetContext context, String subject, String text) throws MessagingException {
        MailAddress postmaster = context.getPostmaster();
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(postmaster.asString()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(postmaster.asString()));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setText(text, StandardCharsets.UTF_8.name());
        message.setHeader("Auto-Submitted", "auto-generated");
        message.saveChanges();
        context.sendMail(postmaster, List.of(postmaster), message);
    }
}
