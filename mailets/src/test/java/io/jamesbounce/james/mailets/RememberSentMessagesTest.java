package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.trust.RotatingBloomFilter;
import io.jamesbounce.james.common.Fixtures;
import io.jamesbounce.james.common.Mails;

class RememberSentMessagesTest {
    private final RotatingBloomFilter sent = new RotatingBloomFilter(1000, 0.0001, Duration.ofDays(14), Clock.systemUTC());

    @Test
    void eachRecipientOfAMailShouldBeRememberedWithItsMessageId() throws Exception {
        RememberSentMessages mailet = Mailets.init(new RememberSentMessages(sent), FakeMailContext.defaultContext());
        FakeMail mail = Fixtures.mailFrom("news@example.com", "plain.eml", "alice@example.org", "bob@example.net");
        String messageId = Mails.messageId(mail).orElseThrow();

        mailet.service(mail);

        assertThat(sent.mightContain(messageId, "alice@example.org")).isTrue();
        assertThat(sent.mightContain(messageId, "bob@example.net")).isTrue();
        assertThat(sent.mightContain(messageId, "ceo@example.org")).isFalse();
    }
}
