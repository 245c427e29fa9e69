package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
import io.jamesbounce.core.trust.FeedbackLoopSources;
import io.jamesbounce.core.trust.Trust;
import io.jamesbounce.core.trust.TrustEvaluator;
import io.jamesbounce.core.trust.TrustSettings;
import io.jamesbounce.core.verp.SignedVerpScheme;
import io.jamesbounce.core.verp.VerpKey;
import io.jamesbounce.core.verp.VerpKeys;
import io.jamesbounce.core.verp.VerpScheme;
import io.jamesbounce.ingest.IngestMetrics;
import io.jamesbounce.james.common.Fixtures;
import io.jamesbounce.store.Suppression;

class RecordBounceReportsTest {
    private static final BounceAnalyzer ANALYZER = BounceAnalyzer.withDefaults();
    private final Store store = new Store();
    private final FakeMailContext context = FakeMailContext.defaultContext();

    private RecordBounceReports mailet(String... parameters) throws MessagingException {
        return Mailets.init(new RecordBounceReports(ANALYZER, store.ingestion, store.clock), context, parameters);
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
        void aValueTheStoreRefusesSendsTheMailToTheUnreadableProcessorNotToARetry() throws Exception {
            RecordBounceReports mailet = mailet("unreadableProcessor", "bounce-unreadable");
            FakeMail mail = Fixtures.bounceMail("dsn-user-unknown.eml", "bounces+alice=example.org@bounce.example.com");
            mail.setState("root");
            store.outage.refuseValues();

            mailet.service(mail);

            assertThat(mail.getState()).isEqualTo("bounce-unreadable");
            assertThat(mail.getAttribute(RecordsJson.PROBLEM)).hasValueSatisfying(
                a -> assertThat(a.getValue().value().toString()).contains("store refused a value").contains("22001"));
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
                .satisfies(figures -> assertThat(figures.shortWindow().bounces(Category.MAILBOX_FULL)).isEqualTo(1));
        }

        @Test
        void aNewSuppressionIsSeenAtOnceByTheCachedOutboundLookup() throws Exception {
            MailAddress alice = new MailAddress("alice@example.org");
            assertThat(store.suppressed.suppressedAmong(List.of(alice))).isEmpty(); // cached: not suppressed

            mailet().service(Fixtures.bounceMail("dsn-user-unknown.eml", "bounces@example.com"));

            assertThat(store.suppressed.suppressedAmong(List.of(alice))).containsExactly(alice);
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

    /** Signed return paths configured: only a bounce to a return path signed for its recipient may suppress. */
    @Nested
    class WithSignedReturnPaths {
        private static final String BOUNCE_DOMAIN = "bounce.example.com";
        private static final VerpKeys KEYS = VerpKeys.of(new VerpKey('k', "a-secret-of-at-least-16-bytes".getBytes(StandardCharsets.UTF_8)));
        private final SignedVerpScheme scheme = SignedVerpScheme.of(Set.of(BOUNCE_DOMAIN), KEYS, store.clock);
        private final RecordingBounceMetrics metrics = new RecordingBounceMetrics();

        private RecordBounceReports mailet() throws MessagingException {
            TrustEvaluator trust = new TrustEvaluator(new TrustSettings(Optional.of(scheme), Optional.empty(), FeedbackLoopSources.none()));
            BounceAnalyzer analyzer = new BounceAnalyzer(ReadLimits.DEFAULT, Decoders.all(), Classifier.withDefaultRules(),
                Optional.of(VerpScheme.DEFAULT.withSignatures()));
            return Mailets.init(new RecordBounceReports(analyzer, store.ingestion(trust, metrics), store.clock), context);
        }

        @Test
        void aBounceToTheReturnPathSignedForItsRecipientSuppressesExactlyThatRecipient() throws Exception {
            FakeMail mail = Fixtures.bounceMail("dsn-user-unknown.eml", scheme.sign("alice@example.org", BOUNCE_DOMAIN));

            mailet().service(mail);

            assertThat(store.isSuppressed("alice@example.org")).isTrue();
            assertThat(store.repository.find(AddressKey.of("alice@example.org"))).get()
                .satisfies(s -> assertThat(s.category()).isEqualTo(Category.USER_UNKNOWN));
            assertThat(store.untrusted.events(AddressKey.of("alice@example.org"))).isEmpty();
            assertThat(metrics.untrusted).isEmpty();
            assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        }

        @Test
        void aForgedBounceForAnAddressWeNeverMailedSuppressesNothing() throws Exception {
            // anyone can write a DSN naming alice and send it to our plain VERP address for her
            FakeMail mail = Fixtures.bounceMail("dsn-user-unknown.eml", "bounces+alice=example.org@bounce.example.com");

            mailet().service(mail);

            AddressKey alice = AddressKey.of("alice@example.org");
            assertThat(store.isSuppressed("alice@example.org")).isFalse();
            assertThat(store.repository.events(alice)).as("never in the history the soft-streak rule reads").isEmpty();
            assertThat(store.untrusted.events(alice)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Trust.Reason.UNSIGNED_RETURN_PATH));
            assertThat(metrics.untrusted).containsExactly(Trust.Reason.UNSIGNED_RETURN_PATH);
            assertThat(records(mail)).contains("\"policyRule\":\"untrusted-report\"").contains("\"outcome\":\"RECORD_ONLY\"");
            assertThat(store.rates.figures()).as("a forger cannot throttle a domain either").isEmpty();
            assertThat(mail.getState()).as("consumed like any report").isEqualTo(Mail.GHOST);
        }

        @Test
        void aReturnPathSignedForAnotherRecipientSuppressesNothing() throws Exception {
            // a forger who got one signed return path (his own) cannot name someone else in the DSN
            FakeMail mail = Fixtures.bounceMail("dsn-user-unknown.eml", scheme.sign("mallory@example.net", BOUNCE_DOMAIN));

            mailet().service(mail);

            assertThat(store.isSuppressed("alice@example.org")).isFalse();
            assertThat(metrics.untrusted).containsExactly(Trust.Reason.RECIPIENT_NOT_SIGNED);
        }

        @Test
        void anExpiredSignatureSuppressesNothing() throws Exception {
            Clock monthAgo = Clock.fixed(Store.NOW.minus(Duration.ofDays(30)), ZoneOffset.UTC);
            String old = SignedVerpScheme.of(Set.of(BOUNCE_DOMAIN), KEYS, monthAgo).sign("alice@example.org", BOUNCE_DOMAIN);

            mailet().service(Fixtures.bounceMail("dsn-user-unknown.eml", old));

            assertThat(store.isSuppressed("alice@example.org")).isFalse();
            assertThat(metrics.untrusted).containsExactly(Trust.Reason.SIGNATURE_EXPIRED);
        }

        @Test
        void aTamperedSignatureSuppressesNothing() throws Exception {
            String signed = scheme.sign("alice@example.org", BOUNCE_DOMAIN);
            int macStart = "bounces+".length() + 4;
            char flipped = signed.charAt(macStart) == 'a' ? 'b' : 'a';
            String tampered = signed.substring(0, macStart) + flipped + signed.substring(macStart + 1);

            mailet().service(Fixtures.bounceMail("dsn-user-unknown.eml", tampered));

            assertThat(store.isSuppressed("alice@example.org")).isFalse();
            assertThat(metrics.untrusted).containsExactly(Trust.Reason.SIGNATURE_INVALID);
        }

        @Test
        void theSameForgedReportProcessedTwiceIsLoggedOnce() throws Exception {
            RecordBounceReports mailet = mailet();
            mailet.service(Fixtures.bounceMail("dsn-user-unknown.eml", "bounces+alice=example.org@bounce.example.com"));
            mailet.service(Fixtures.bounceMail("dsn-user-unknown.eml", "bounces+alice=example.org@bounce.example.com"));

            assertThat(store.untrusted.events(AddressKey.of("alice@example.org"))).hasSize(1);
        }
    }

    /** Feedback loops configured: a complaint acts only when our server authenticated the loop that sent it. */
    @Nested
    class WithFeedbackLoopSources {
        private final TrustEvaluator trust = new TrustEvaluator(new TrustSettings(Optional.empty(), Optional.empty(),
            new FeedbackLoopSources("mx.example.com", Set.of("isp.example.net"), Set.of())));

        private RecordBounceReports mailet() throws MessagingException {
            return Mailets.init(new RecordBounceReports(ANALYZER, store.ingestion(trust, IngestMetrics.NONE), store.clock), context);
        }

        @Test
        void aComplaintFromAnUnauthenticatedSourceSuppressesNothing() throws Exception {
            mailet().service(Fixtures.bounceMail("arf-abuse.eml", "fbl@example.com"));

            assertThat(store.isSuppressed("carol@isp.example.net")).isFalse();
            assertThat(store.untrusted.events(AddressKey.of("carol@isp.example.net"))).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Trust.Reason.UNKNOWN_FEEDBACK_SOURCE));
        }

        @Test
        void aComplaintWhoseDkimOurServerVerifiedSuppresses() throws Exception {
            FakeMail mail = Fixtures.bounceMail("arf-abuse.eml", "fbl@example.com");
            mail.getMessage().addHeader("Authentication-Results", "mx.example.com; dkim=pass header.d=isp.example.net header.s=fbl");

            mailet().service(mail);

            assertThat(store.isSuppressed("carol@isp.example.net")).isTrue();
        }

        @Test
        void aPassingDkimVerdictWrittenBySomeoneElseIsNotBelieved() throws Exception {
            FakeMail mail = Fixtures.bounceMail("arf-abuse.eml", "fbl@example.com");
            mail.getMessage().addHeader("Authentication-Results", "forger.example; dkim=pass header.d=isp.example.net");

            mailet().service(mail);

            assertThat(store.isSuppressed("carol@isp.example.net")).isFalse();
        }
    }

    @Nested
    class OneReportManyRecipients {
        private final FakeMailContext withPostmaster = withPostmaster();

        private static FakeMailContext withPostmaster() {
            try {
                return FakeMailContext.builder().postmaster(new org.apache.james.core.MailAddress("postmaster@example.com")).build();
            } catch (jakarta.mail.internet.AddressException e) {
                throw new IllegalStateException(e);
            }
        }

        private RecordBounceReports mailet() throws MessagingException {
            return Mailets.init(new RecordBounceReports(ANALYZER, store.ingestion, store.clock), withPostmaster);
        }

        private FakeMail dsnNaming(int n) throws Exception {
            StringBuilder groups = new StringBuilder();
            for (int i = 0; i < n; i++) {
                groups.append("\r\nFinal-Recipient: rfc822; user").append(i).append("@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n");
            }
            String dsn = "From: MAILER-DAEMON@mx.forger.example\r\nTo: bounces@bounce.example.com\r\nSubject: Undelivered Mail\r\n"
                + "Message-ID: <many@forger.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nUndeliverable.\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.forger.example\r\n" + groups + "--b--\r\n";
            jakarta.mail.internet.MimeMessage message = new jakarta.mail.internet.MimeMessage(
                jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(dsn.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            return FakeMail.builder().name("many").mimeMessage(message).sender(org.apache.james.core.MaybeSender.nullSender())
                .recipients("bounces@bounce.example.com").build();
        }

        @Test
        void aReportNamingMoreRecipientsThanOneReportMayActOnSuppressesNobodyAndTellsThePostmaster() throws Exception {
            RecordBounceReports mailet = mailet();
            FakeMail report = dsnNaming(25);

            mailet.service(report);

            assertThat(report.getState()).as("kept for a person: only 20 of its records are").isEqualTo(Mail.ERROR);
            assertThat(report.getAttribute(RecordsJson.PROBLEM)).isPresent();
            assertThat(store.untrusted.events(AddressKey.of("user19@example.org"))).hasSize(1);
            assertThat(store.untrusted.events(AddressKey.of("user20@example.org"))).as("beyond the 20 kept").isEmpty();
            assertThat(store.isSuppressed("user0@example.org")).isFalse();
            assertThat(store.isSuppressed("user24@example.org")).isFalse();
            assertThat(store.untrusted.events(AddressKey.of("user0@example.org")))
                .singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(Trust.Reason.TOO_MANY_RECIPIENTS));
            assertThat(withPostmaster.getSentMails()).singleElement().satisfies(alert -> {
                assertThat(alert.getRecipients()).extracting(Object::toString).containsExactly("postmaster@example.com");
                assertThat(alert.getMsg().getSubject()).contains("recorded only").contains("25 recipients");
            });
        }

        @Test
        void aReportNamingAsManyAsOneReportMayActOnStillSuppresses() throws Exception {
            mailet().service(dsnNaming(20));

            assertThat(store.isSuppressed("user19@example.org")).isTrue();
            assertThat(withPostmaster.getSentMails()).isEmpty();
        }
    }

    @Nested
    class NeverDroppedSilently {
        @Test
        void anUnreadableReportGoesToTheUnreadableProcessorWithItsCause() throws Exception {
            BounceAnalyzer tinyLimits = new BounceAnalyzer(new ReadLimits(1_000_000, 2, 10_000, 10_000),
                Decoders.all(), Classifier.withDefaultRules(), Optional.of(VerpScheme.DEFAULT));
            RecordBounceReports mailet = Mailets.init(new RecordBounceReports(tinyLimits, store.ingestion, store.clock), context,
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
