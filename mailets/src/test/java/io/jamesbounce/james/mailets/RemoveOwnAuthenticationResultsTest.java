package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Test;

class RemoveOwnAuthenticationResultsTest {
    private RemoveOwnAuthenticationResults mailet(String... parameters) throws MessagingException {
        return Mailets.init(new RemoveOwnAuthenticationResults(), FakeMailContext.defaultContext(), parameters);
    }

    private static FakeMail complaint(String... authenticationResults) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        for (String field : authenticationResults) {
            message.addHeader("Authentication-Results", field);
        }
        message.setText("This is an abuse report.");
        message.saveChanges();
        return FakeMail.builder().name("arf").sender("forger@evil.example").recipient("fbl@example.com").mimeMessage(message).build();
    }

    @Test
    void aFieldWrittenInOurNameByTheSenderShouldBeRemovedAndOthersKept() throws Exception {
        FakeMail mail = complaint("mx.example.com; dkim=pass header.d=fbl.yahoo.com",
            "relay.isp.example.net; spf=pass smtp.mailfrom=isp.example.net",
            "MX.Example.com (forged again); dkim=pass header.d=jmrp.microsoft.com");

        mailet("authservId", "mx.example.com").service(mail);

        assertThat(mail.getMessage().getHeader("Authentication-Results"))
            .containsExactly("relay.isp.example.net; spf=pass smtp.mailfrom=isp.example.net");
    }

    @Test
    void aMailWithoutOurFieldsShouldBeLeftAsItIs() throws Exception {
        FakeMail mail = complaint("relay.isp.example.net; spf=pass smtp.mailfrom=isp.example.net");

        mailet("authservId", "mx.example.com").service(mail);

        assertThat(mail.getMessage().getHeader("Authentication-Results")).hasSize(1);
    }

    @Test
    void theAuthservIdShouldBeRequiredAndADomain() {
        assertThatThrownBy(() -> mailet()).isInstanceOf(MessagingException.class).hasMessageContaining("authservId");
        assertThatThrownBy(() -> mailet("authservId", "not a domain")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("not a domain name");
    }
}
