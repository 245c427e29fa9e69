package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.classify.Classifier;
import io.jamesbounce.core.decode.Decoders;
import io.jamesbounce.core.mime.ReadLimits;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.verp.VerpScheme;
import io.jamesbounce.james.Fixtures;
import io.jamesbounce.store.Suppression;

class RecordBounceReportsTest {
    private static final BounceAnalyzer ANALYZER = BounceAnalyzer.withDefaults();
    private final Store store = new Store();
    private final FakeMailContext context = FakeMailContext.defaultContext();

    private RecordBounceReports mailet(String... parameters) throws MessagingException {
        return Mailets.init(new RecordBounceReports(ANALYZER, store.recorder, store.clock), context, parameters);
    }

    private static String records(Mail mail) {
        return mail.getAttribute(RecordsJson.RECORDS).map(Attribute::getValue).map(AttributeValue::value)
            .map(String.class::cast).orElseThrow();
    }

    @Nested
    class WhenTheStoreIsUnreachable {
        @Test
        void theFailureIsThrownNotTakenForAnUnreadableReport() throws Exception {
            RecordBounceReports mailet = mailet("unreadableProcessor", "bounce-unreadable");
            FakeMail mail = Fixtures.bounceMail("dsn-user-unknown.eml", "bounces+alice=example.org@bounce.example.com");
            mail.setState("root");
            store.outage.down();

            assertThatThrownBy(() -> mailet.service(mail))
                .isInstanceOf(MessagingException.class).hasMessageContaining(mail.getName())
                .hasCauseInstanceOf(IllegalStateException.class);
            assertThat(mail.getState()).isEqualTo("root");
            assertThat(mail.getAttribute(RecordsJson.PROBLEM)).isEmpty();
        }

        @Test
        void theKeptReportIsRecordedOnceWhenProcessedAgainAfterTheOutage() throws Exception {
            RecordBounceReports mailet = mailet();
            FakeMail mail = Fixtures.bounceMail("dsn-user-unknown.eml", "bounces+alice=example.org@bounce.example.com");
            store.outage.down();
            assertThatThrownBy(() -> mailet.service(mail)).isInstanceOf(MessagingException.class);
            store.outage.up();

            mailet.service(mail);
            mailet.service(Fixtures.bounceMail("dsn-user-unknown.eml", "bounces+alice=example.org@bounce.example.com"));

            assertThat(mail.getState()).isEqualTo(Mail.GHOST);
            assertThat(store.repository.events(AddressKey.of("alice@example.org"))).hasSize(1);
            assertThat(store.isSuppressed("alice@example.org")).isTrue();
        }
    }

    @Nested
    class Recording {
        @Test
        void aHardBounceSuppressesTheRecipientWithItsEvidence() throws Exception {
            FakeMail mail = Fixtures.bounceMail("dsn-user-unknown.eml", "bounces+alice=example.org@bounce.example.com");

            mailet().service(mail);

            Suppression suppression = store.repository.find(AddressKey.of("alice@example.org")).orElseThrow();
            assertThat(suppression.category()).isEqualTo(Category.USER_UNKNOWN);
            assertThat(suppression.source()).isEqualTo(EventSource.DSN);
            assertThat(suppression.reportKey()).contains("<20260303101501.B1@mx.example.org>");
            assertThat(suppression.diagnostic()).hasValueSatisfying(d -> assertThat(d).startsWith("550 5.1.1 <alice@example.org>"));
            assertThat(suppression.originalMessageId()).contains("<newsletter-0303-alice@example.com>");
        }

        @Test
        void theRecordsAreAttachedAsJsonAndTheReportIsConsumed() throws Exception {
            FakeMail mail = Fixtures.bounceMail("dsn-user-unknown.eml", "bounces+alice=example.org@bounce.example.com");

            mailet().service(mail);

            assertThat(mail.getState()).isEqualTo(Mail.GHOST);
            assertThat(records(mail)).startsWith("[{\"recipient\":\"alice@example.org\",\"source\":\"DSN\"")
                .contains("\"status\":\"5.1.1\"", "\"replyCode\":\"550\"", "\"outcome\":\"SUPPRESS\"", "\"policyRule\":\"hard-at-once\"");
        }

        @Test
        void theEventCarriesTheReportDateNotTheProcessingTime() throws Exception {
            mailet().service(Fixtures.bounceMail("dsn-user-unknown.eml", "bounces@example.com"));

            assertThat(store.repository.events(AddressKey.of("alice@example.org")))
                .singleElement().satisfies(e -> assertThat(e.occurredAt()).hasToString("2026-03-03T10:15:01Z"));
        }

        @Test
        void aNonStandardBounceIsRecorded() throws Exception {
            mailet().service(Fixtures.bounceMail("qmail-user-unknown.eml", "bounces+dave=example.org@bounce.example.com"));

            assertThat(store.isSuppressed("dave@example.org")).isTrue();
        }

        @Test
        void anArfComplaintSuppressesTheComplainer() throws Exception {
            mailet().service(Fixtures.mailFrom("fbl-reports@isp.example.net", "arf-abuse.eml", "fbl@example.com"));

            Suppression suppression = store.repository.find(AddressKey.of("carol@isp.example.net")).orElseThrow();
            assertThat(suppression.category()).isEqualTo(Category.COMPLAINT);
            assertThat(suppression.source()).isEqualTo(EventSource.ARF);
        }

        @Test
        void aSoftBounceIsRecordedWithoutSuppressing() throws Exception {
            FakeMail mail = Fixtures.bounceMail("dsn-mailbox-full.eml", "bounces@example.com");

            mailet().service(mail);

            assertThat(store.isSuppressed("bob@example.net")).isFalse();
            assertThat(store.repository.events(AddressKey.of("bob@example.net"))).hasSize(1);
            assertThat(records(mail)).contains("\"outcome\":\"SOFT_STREAK_PENDING\"");
        }

        @Test
        void theSameReportProcessedTwiceCountsOnce() throws Exception {
            mailet().service(Fixtures.bounceMail("dsn-mailbox-full.eml", "bounces@example.com"));
            FakeMail again = Fixtures.bounceMail("dsn-mailbox-full.eml", "bounces@example.com");

            mailet().service(again);

            assertThat(store.repository.events(AddressKey.of("bob@example.net"))).hasSize(1);
            assertThat(records(again)).contains("\"outcome\":\"DUPLICATE\"");
            store.rates.flush();
            assertThat(store.rates.figures()).singleElement()
                .satisfies(figures -> assertThat(figures.shortWindow().bounces(io.jamesbounce.core.model.Category.MAILBOX_FULL)).isEqualTo(1));
        }

        @Test
        void aNewSuppressionIsSeenAtOnceByTheCachedOutboundLookup() throws Exception {
            MailAddress alice = new MailAddress("alice@example.org");
            assertThat(store.suppressed.among(java.util.List.of(alice))).isEmpty(); // cached: not suppressed

            mailet().service(Fixtures.bounceMail("dsn-user-unknown.eml", "bounces@example.com"));

            assertThat(store.suppressed.among(java.util.List.of(alice))).containsExactly(alice);
        }

        @Test
        void aRecipientNamedTwiceInOneReportKeepsTheRecordWithAKnownCause() {
            io.jamesbounce.core.model.BounceRecord unknown = record("eve@example.org", Category.UNKNOWN);
            io.jamesbounce.core.model.BounceRecord userUnknown = record("eve@example.org", Category.USER_UNKNOWN);

            store.recorder.record(java.util.List.of(unknown, userUnknown), EventSource.DSN, "<r1@mx>", Store.NOW);

            assertThat(store.isSuppressed("eve@example.org")).isTrue();
        }

        private static io.jamesbounce.core.model.BounceRecord record(String recipient, Category category) {
            return new io.jamesbounce.core.model.BounceRecord(recipient, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                category, category == Category.USER_UNKNOWN, "test", Optional.empty());
        }

        @Test
        void aRecordedReportGoesToTheConfiguredProcessor() throws Exception {
            RecordBounceReports mailet = mailet("recordedProcessor", "bounce-archive");
            FakeMail mail = Fixtures.bounceMail("dsn-user-unknown.eml", "bounces@example.com");

            mailet.service(mail);

            assertThat(mail.getState()).isEqualTo("bounce-archive");
            assertThat(mailet.requiredProcessingState()).contains(new ProcessingState("bounce-archive"));
        }
    }

    @Nested
    class NeverDroppedSilently {
        @Test
        void anUnreadableReportGoesToTheUnreadableProcessorWithItsCause() throws Exception {
            BounceAnalyzer tinyLimits = new BounceAnalyzer(new ReadLimits(1_000_000, 2, 10_000, 10_000),
                Decoders.all(), Classifier.withDefaultRules(), Optional.of(VerpScheme.DEFAULT));
            RecordBounceReports mailet = Mailets.init(new RecordBounceReports(tinyLimits, store.recorder, store.clock), context,
                "unreadableProcessor", "bounce-unreadable");
            FakeMail mail = Fixtures.bounceMail("dsn-user-unknown.eml", "bounces@example.com");

            mailet.service(mail);

            assertThat(mail.getState()).isEqualTo("bounce-unreadable");
            assertThat(mail.getAttribute(RecordsJson.PROBLEM)).isPresent();
            assertThat(store.isSuppressed("alice@example.org")).isFalse();
            assertThat(mailet.requiredProcessingState()).containsExactly(new ProcessingState("bounce-unreadable"));
        }

        @Test
        void theUnreadableProcessorIsErrorByDefault() throws Exception {
            assertThat(mailet().requiredProcessingState()).containsExactly(new ProcessingState(Mail.ERROR));
        }

        @Test
        void anAutoReplyIsLeftInTheProcessor() throws Exception {
            FakeMail mail = Fixtures.bounceMail("auto-reply.eml", "bounces+frank=example.org@bounce.example.com");
            mail.setState("root");

            mailet().service(mail);

            assertThat(mail.getState()).isEqualTo("root");
            assertThat(mail.getAttribute(RecordsJson.RECORDS)).isEmpty();
        }
    }

    @Nested
    class Parameters {
        @Test
        void initShouldRejectAnUnknownParameterNamingIt() {
            assertThatThrownBy(() -> mailet("recordedProcesor", "x"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("recordedProcesor");
        }

        @Test
        void initShouldRejectAnEmptyProcessor() {
            assertThatThrownBy(() -> mailet("unreadableProcessor", " "))
                .isInstanceOf(MessagingException.class).hasMessageContaining("unreadableProcessor");
        }

        @Test
        void initShouldRejectAProcessorNameWithSpaces() {
            assertThatThrownBy(() -> mailet("recordedProcessor", "bounce archive"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("'bounce archive'");
        }

        @Test
        void initShouldAcceptJamesOwnErrorHandlingParameters() throws Exception {
            mailet("onMailetException", "propagate");
        }
    }
}
