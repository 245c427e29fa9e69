package io.jamesbounce.james.mailets;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.text.LogValues;
import io.jamesbounce.core.trust.AuthenticationResults;

/**
 * Removes, from mail arriving from outside, every Authentication-Results field that carries our
 * receiving server's authserv-id (RFC 8601, section 5): a sender may write one itself, and a
 * complaint is believed on the word of such a field ({@code trust.feedback.domains}). First in
 * {@code root} when James is the MX; where a front MTA verifies DKIM and writes the field, that MTA
 * strips forged ones instead and this mailet is not used.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>Parameter</th><th>Default</th><th>Description</th></tr>
 *   <tr><td>authservId</td><td>required</td><td>our authserv-id, as {@code trust.feedback.authserv-id}</td></tr>
 * </table>
 */
public class RemoveOwnAuthenticationResults extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RemoveOwnAuthenticationResults.class);
    static final String AUTHSERV_ID = "authservId";
    private static final String FIELD = "Authentication-Results";

    private String authservId;

    @Override
    public void init() throws MessagingException {
        authservId = InitParameters.of(this, AUTHSERV_ID).domain(AUTHSERV_ID);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        String[] fields = message.getHeader(FIELD);
        if (fields == null) {
            return;
        }
        List<String> kept = Arrays.stream(fields).filter(field -> !AuthenticationResults.parse(field).authservId().equals(authservId))
            .toList();
        int removed = fields.length - kept.size();
        if (removed == 0) {
            return;
        }
        message.removeHeader(FIELD);
        for (String field : kept) {
            message.addHeader(FIELD, field);
        }
        message.saveChanges();
        LOGGER.info("authentication results bearing our authserv-id removed mail={} sender={} count={} authserv-id={}",
            mail.getName(), LogValues.safe(mail.getMaybeSender().asString()), removed, authservId.toLowerCase(Locale.ROOT));
    }

    @Override
    public String getMailetInfo() {
        return "Removes Authentication-Results fields bearing our authserv-id from incoming mail";
    }
}
