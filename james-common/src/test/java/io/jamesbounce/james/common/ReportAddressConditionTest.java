package io.jamesbounce.james.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

class ReportAddressConditionTest {
    @Test
    void emptyConditionAcceptsEveryRecipientAndAnySender() throws Exception {
        ReportAddressCondition condition = ReportAddressCondition.parse(null);

        assertThat(condition.restrictsRecipients()).isFalse();
        assertThat(condition.candidates(Fixtures.mailFrom("x@example.org", "plain.eml", "a@example.com", "b@example.com")))
            .containsExactly(new MailAddress("a@example.com"), new MailAddress("b@example.com"));
    }

    @Test
    void addressesAndVerpPatternsSelectRecipientsCaseInsensitively() throws Exception {
        ReportAddressCondition condition = ReportAddressCondition.parse(" Bounces@Example.com , bounces+*@bounce.example.com ");

        assertThat(condition.candidates(Fixtures.bounceMail("plain.eml", "bounces@example.com", "bounces+a=b.org@BOUNCE.example.com",
            "other@example.com", "bouncesX@bounce.example.com")))
            .containsExactly(new MailAddress("bounces@example.com"), new MailAddress("bounces+a=b.org@BOUNCE.example.com"));
    }

    @Test
    void wholeDomainPatternAcceptsAnyLocalPart() throws Exception {
        ReportAddressCondition condition = ReportAddressCondition.parse("*@bounce.example.com");

        assertThat(condition.candidates(Fixtures.bounceMail("plain.eml", "anything@bounce.example.com", "a@example.com")))
            .containsExactly(new MailAddress("anything@bounce.example.com"));
    }

    @Test
    void nullSenderRequiresTheNullReversePath() throws Exception {
        ReportAddressCondition condition = ReportAddressCondition.parse("nullSender");

        assertThat(condition.candidates(Fixtures.mailFrom("x@example.org", "plain.eml", "a@example.com"))).isEmpty();
        assertThat(condition.candidates(Fixtures.bounceMail("plain.eml", "a@example.com"))).hasSize(1);
    }

    @Test
    void parseShouldNameTheBadItem() {
        assertThatThrownBy(() -> ReportAddressCondition.parse("bounces@example.com, nonsense"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nonsense'");
        assertThatThrownBy(() -> ReportAddressCondition.parse("b*x@example.com"))
            .hasMessageContaining("'b*x@example.com'");
        assertThatThrownBy(() -> ReportAddressCondition.parse("a@example.com,,b@example.com"))
            .hasMessageContaining("empty item");
    }
}
