package io.jamesbounce.james.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.rates.DomainState;
import io.jamesbounce.core.rates.RateSettings;
import io.jamesbounce.store.DomainRates;
import io.jamesbounce.store.MemoryDomainStatsRepository;

/** The background task's evaluation on the real in-memory store, its thread not started. */
class DomainRateJobTest {
    private static final Instant NOW = Instant.parse("2026-03-10T10:00:30Z");

    private final MemoryDomainStatsRepository store = new MemoryDomainStatsRepository();
    private final DomainRates rates = new DomainRates(store, RateSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final FakeMailContext context = FakeMailContext.builder().postmaster(postmaster()).build();

    private static MailAddress postmaster() {
        try {
            return new MailAddress("postmaster@example.com");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private DomainRateJob monitoring(boolean alerts) {
        return new DomainRateJob(rates, new BounceSettings.Rates(RateSettings.defaults(), Duration.ofMinutes(1), alerts), () -> context, false);
    }

    private void burst(String domain) {
        for (int i = 0; i < 150; i++) {
            rates.recordAttempt(domain);
        }
        for (int i = 0; i < 20; i++) {
            rates.recordBounce(AddressKey.of("u" + i + "@" + domain), Category.USER_UNKNOWN, Optional.of(EnhancedStatus.of("5.1.1")), DomainRates.ownDelivery(AddressKey.of("u" + i + "@" + domain)));
        }
        rates.flush();
    }

    @Test
    void aStateChangeIsMailedToThePostmaster() throws Exception {
        burst("example.org");

        assertThat(monitoring(true).evaluate()).singleElement().satisfies(c -> assertThat(c.to()).isEqualTo(DomainState.CRITICAL));

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getSender()).isEqualTo(postmaster());
            assertThat(sent.getRecipients()).containsExactly(postmaster());
            MimeMessage message = sent.getMsg();
            assertThat(message.getSubject()).isEqualTo("[bounce-rate] example.org is CRITICAL (6 messages/min)");
            assertThat((String) message.getContent()).contains("hard-bounce rate").contains("domain-rate change domain=example.org");
            assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        });
    }

    @Test
    void twoServersOnOneStoreSendOneAlertForOneChange() {
        burst("example.org");
        FakeMailContext otherContext = FakeMailContext.builder().postmaster(postmaster()).build();
        DomainRates otherRates = new DomainRates(store, RateSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
        DomainRateJob other = new DomainRateJob(otherRates,
            new BounceSettings.Rates(RateSettings.defaults(), Duration.ofMinutes(1), true), () -> otherContext, false);

        assertThat(monitoring(true).evaluate()).hasSize(1);
        assertThat(other.evaluate()).as("the other server throttles too").hasSize(1);

        assertThat(context.getSentMails()).hasSize(1);
        assertThat(otherContext.getSentMails()).isEmpty();
    }

    @Test
    void noChangeNoMail() {
        rates.recordAttempt("example.org");
        rates.flush();

        assertThat(monitoring(true).evaluate()).isEmpty();
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void alertsOffOnlyLog() {
        burst("example.org");

        assertThat(monitoring(false).evaluate()).hasSize(1);
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void stoppingFlushesWhatIsStillCounted() {
        DomainRateJob monitoring = monitoring(true);
        rates.recordAttempt("example.org");

        monitoring.stop();

        assertThat(rates.figures()).singleElement().satisfies(f -> assertThat(f.rateWindow().attempts()).isEqualTo(1));
    }
}
