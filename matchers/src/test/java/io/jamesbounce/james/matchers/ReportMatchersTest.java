package io.jamesbounce.james.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Matcher;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.classify.Classifier;
import io.jamesbounce.core.decode.Decoders;
import io.jamesbounce.core.mime.ReadLimits;
import io.jamesbounce.core.verp.VerpScheme;
import io.jamesbounce.james.common.Fixtures;

class ReportMatchersTest {
    private static final BounceAnalyzer ANALYZER = BounceAnalyzer.withDefaults();
    /** Reads at most 2 MIME entities: every multipart report is "unparseable" to it. */
    private static final BounceAnalyzer TINY_LIMITS = new BounceAnalyzer(new ReadLimits(1_000_000, 2, 10_000, 10_000),
        Decoders.all(), Classifier.withDefaultRules(), Optional.of(VerpScheme.DEFAULT));

    static <T extends Matcher> T init(T matcher, String condition) throws MessagingException {
        matcher.init(FakeMatcherConfig.builder().matcherName(matcher.getClass().getSimpleName()).condition(condition)
            .mailetContext(FakeMailContext.defaultContext()).build());
        return matcher;
    }

    @Nested
    class IsSentToReportAddressTest {
        @Test
        void matchesOnlyTheReportAddressesWhateverTheMailIs() throws Exception {
            IsSentToReportAddress matcher = init(new IsSentToReportAddress(), "bounces+*@bounce.example.com, fbl@example.com");

            assertThat(matcher.match(Fixtures.mailFrom("erin@example.org", "plain.eml",
                "bounces+frank=example.org@bounce.example.com", "someone@example.org", "fbl@example.com")))
                .containsExactly(new MailAddress("bounces+frank=example.org@bounce.example.com"), new MailAddress("fbl@example.com"));
            assertThat(matcher.match(Fixtures.mailFrom("erin@example.org", "plain.eml", "someone@example.org"))).isEmpty();
        }

        @Test
        void aConditionNamingNoAddressIsRejected() {
            assertThatThrownBy(() -> init(new IsSentToReportAddress(), "nullSender"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("name the report addresses");
        }
    }

    @Nested
    class IsDeliveryStatusReportTest {
        @Test
        void matchesAStandardDsnWithEveryRecipient() throws Exception {
            IsDeliveryStatusReport matcher = init(new IsDeliveryStatusReport(ANALYZER), null);

            assertThat(matcher.match(Fixtures.bounceMail("dsn-user-unknown.eml", "bounces+alice=example.org@bounce.example.com")))
                .containsExactly(new MailAddress("bounces+alice=example.org@bounce.example.com"));
        }

        @Test
        void matchesANonStandardBounce() throws Exception {
            IsDeliveryStatusReport matcher = init(new IsDeliveryStatusReport(ANALYZER), null);

            assertThat(matcher.match(Fixtures.bounceMail("qmail-user-unknown.eml", "bounces+dave=example.org@bounce.example.com")))
                .hasSize(1);
        }

        @Test
        void doesNotMatchFeedbackReportsAutoRepliesOrOrdinaryMail() throws Exception {
            IsDeliveryStatusReport matcher = init(new IsDeliveryStatusReport(ANALYZER), null);

            assertThat(matcher.match(Fixtures.mailFrom("fbl-reports@isp.example.net", "arf-abuse.eml", "fbl@example.com"))).isNullOrEmpty();
            assertThat(matcher.match(Fixtures.bounceMail("auto-reply.eml", "bounces+frank=example.org@bounce.example.com"))).isNullOrEmpty();
            assertThat(matcher.match(Fixtures.mailFrom("erin@example.org", "plain.eml", "bounces@example.com"))).isNullOrEmpty();
        }

        @Test
        void returnsOnlyTheConfiguredRecipients() throws Exception {
            IsDeliveryStatusReport matcher = init(new IsDeliveryStatusReport(ANALYZER), "bounces+*@bounce.example.com");

            assertThat(matcher.match(Fixtures.bounceMail("dsn-user-unknown.eml",
                "bounces+alice=example.org@bounce.example.com", "someone@example.com")))
                .containsExactly(new MailAddress("bounces+alice=example.org@bounce.example.com"));
        }

        @Test
        void doesNotReadMailForOtherRecipients() throws Exception {
            IsDeliveryStatusReport matcher = init(new IsDeliveryStatusReport(ANALYZER), "bounces@example.com");

            assertThat(matcher.match(Fixtures.bounceMail("dsn-user-unknown.eml", "someone@example.com"))).isNullOrEmpty();
        }

        @Test
        void nullSenderConditionIgnoresABounceWithAReversePath() throws Exception {
            IsDeliveryStatusReport matcher = init(new IsDeliveryStatusReport(ANALYZER), "nullSender");

            assertThat(matcher.match(Fixtures.mailFrom("postmaster@mx.example.org", "dsn-user-unknown.eml", "bounces@example.com"))).isNullOrEmpty();
            assertThat(matcher.match(Fixtures.bounceMail("dsn-user-unknown.eml", "bounces@example.com"))).hasSize(1);
        }

        @Test
        void matchesAnUnreadableMessageSentToAReportAddressSoThatItIsNotLost() throws Exception {
            IsDeliveryStatusReport matcher = init(new IsDeliveryStatusReport(TINY_LIMITS), "bounces+*@bounce.example.com");

            assertThat(matcher.match(Fixtures.mailFrom("x@mx.example.org", "dsn-user-unknown.eml", "bounces+alice=example.org@bounce.example.com")))
                .hasSize(1);
        }

        @Test
        void leavesAnUnreadableMessageAloneWhenNothingSaysItIsAReport() throws Exception {
            IsDeliveryStatusReport matcher = init(new IsDeliveryStatusReport(TINY_LIMITS), null);

            assertThat(matcher.match(Fixtures.mailFrom("x@mx.example.org", "dsn-user-unknown.eml", "user@example.com"))).isNullOrEmpty();
        }

        @Test
        void initShouldRejectABadConditionNamingIt() {
            assertThatThrownBy(() -> init(new IsDeliveryStatusReport(ANALYZER), "bounces@example.com, ???"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("'???'");
        }
    }

    @Nested
    class IsFeedbackReportTest {
        @Test
        void matchesAnArfReport() throws Exception {
            IsFeedbackReport matcher = init(new IsFeedbackReport(ANALYZER), "fbl@example.com");

            assertThat(matcher.match(Fixtures.mailFrom("fbl-reports@isp.example.net", "arf-abuse.eml", "fbl@example.com")))
                .containsExactly(new MailAddress("fbl@example.com"));
        }

        @Test
        void doesNotMatchBounces() throws Exception {
            IsFeedbackReport matcher = init(new IsFeedbackReport(ANALYZER), null);

            assertThat(matcher.match(Fixtures.bounceMail("dsn-user-unknown.eml", "bounces@example.com"))).isNullOrEmpty();
            assertThat(matcher.match(Fixtures.mailFrom("erin@example.org", "plain.eml", "fbl@example.com"))).isNullOrEmpty();
        }

        @Test
        void initShouldRejectABadCondition() {
            assertThatThrownBy(() -> init(new IsFeedbackReport(ANALYZER), "fbl@"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("'fbl@'");
        }
    }
}
