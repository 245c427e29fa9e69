package io.jamesbounce.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.classify.Classifier;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.Report;
import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.core.policy.Outcome;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.SuppressionPolicy;
import io.jamesbounce.core.rates.DomainFigures;
import io.jamesbounce.core.rates.RateSettings;
import io.jamesbounce.core.testing.MutableClock;
import io.jamesbounce.core.trust.Arrival;
import io.jamesbounce.core.trust.FeedbackLoopSources;
import io.jamesbounce.core.trust.RotatingBloomFilter;
import io.jamesbounce.core.trust.Trust;
import io.jamesbounce.core.trust.TrustEvaluator;
import io.jamesbounce.core.trust.TrustSettings;
import io.jamesbounce.core.verp.SignedVerpScheme;
import io.jamesbounce.core.verp.VerpKey;
import io.jamesbounce.core.verp.VerpKeys;
import io.jamesbounce.ingest.IngestOutcome.NotAReport;
import io.jamesbounce.ingest.IngestOutcome.Stored;
import io.jamesbounce.ingest.IngestOutcome.Unreadable;
import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.CachingSuppressionLookup;
import io.jamesbounce.store.DomainRates;
import io.jamesbounce.store.ForwardingBounceEventHistory;
import io.jamesbounce.store.MemoryDomainStatsRepository;
import io.jamesbounce.store.MemorySuppressionRepository;
import io.jamesbounce.store.MemoryUntrustedEventLog;
import io.jamesbounce.store.StoreDataException;
import io.jamesbounce.store.SuppressionService;
import io.jamesbounce.store.UntrustedEvent;

/** The whole ingest flow on the memory store, the real analyzer, evaluator and policy, a clock that stands still. */
class ReportIngestionTest {
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final String BOUNCE_DOMAIN = "bounce.example.com";
    private static final String UNSIGNED = "bounces@" + BOUNCE_DOMAIN;
    private static final BounceAnalyzer ANALYZER = BounceAnalyzer.withDefaults();

    private final MutableClock clock = new MutableClock(START);
    private final MemorySuppressionRepository repository = new MemorySuppressionRepository();
    private final MemoryUntrustedEventLog untrusted = new MemoryUntrustedEventLog();
    private final DomainRates rates = new DomainRates(new MemoryDomainStatsRepository(), RateSettings.defaults(), clock);
    private final CachingSuppressionLookup lookup = new CachingSuppressionLookup(repository, clock, Duration.ofMinutes(5), 1024);
    private final CountingMetrics metrics = new CountingMetrics();
    private final SignedVerpScheme verp = SignedVerpScheme.of(Set.of(BOUNCE_DOMAIN),
        VerpKeys.of(new VerpKey('k', "ingest-test-secret-0123456789".getBytes(StandardCharsets.UTF_8))), clock);
    private final RotatingBloomFilter sent = new RotatingBloomFilter(10_000, 0.001, Duration.ofDays(7), clock);
    private ReportIngestion ingestion;
    private int reports;

    @BeforeEach
    void setUp() {
        ingestion = ingestion(TrustSettings.none(), repository);
    }

    private ReportIngestion ingestion(TrustSettings trust, BounceEventHistory events) {
        return new ReportIngestion(new SuppressionService(events, repository, new SuppressionPolicy(PolicySettings.defaults(), clock), clock),
            untrusted, new TrustEvaluator(trust), Classifier.withDefaultRules(), rates, lookup, LocalPartMatching.CASE_INSENSITIVE,
            metrics, clock);
    }

    private IngestOutcome receive(byte[] message, String envelopeRecipient) {
        ReportReceipt receipt = new ReportReceipt("<report-" + (++reports) + "@mx.example.org>", clock.instant(), "192.0.2.0/24",
            List.of(Arrival.at(envelopeRecipient)));
        return ingestion.ingest(ANALYZER.analyze(message), receipt);
    }

    private IngestOutcome receive(String... recipients) {
        return receive(dsn(UNSIGNED, "newsletter@example.com", "5.1.1", recipients), UNSIGNED);
    }

    private boolean suppressed(String address) {
        return repository.isSuppressed(AddressKey.of(address), clock.instant());
    }

    private long bouncesCountedFor(String domain) {
        rates.flush();
        return rates.figures().stream().filter(f -> f.domain().equals(domain)).map(DomainFigures::shortWindow)
            .mapToLong(w -> w.bounces(Category.USER_UNKNOWN)).sum();
    }

    private static List<Outcome> outcomes(IngestOutcome outcome) {
        return outcome.recipients().stream().map(r -> r.decision().orElseThrow().outcome()).toList();
    }

    @Nested
    class Reports {
        @Test
        void aHardBounceShouldSuppressCountAgainstTheDomainAndReachTheOutboundCacheAtOnce() {
            assertThat(lookup.isSuppressed(AddressKey.of("alice@example.org"))).isFalse();

            IngestOutcome outcome = receive("alice@example.org");

            assertThat(outcome).isInstanceOf(Stored.class);
            assertThat(outcomes(outcome)).containsExactly(Outcome.SUPPRESS);
            assertThat(suppressed("alice@example.org")).isTrue();
            assertThat(lookup.isSuppressed(AddressKey.of("alice@example.org"))).as("cached 'no' forgotten").isTrue();
            assertThat(bouncesCountedFor("example.org")).isEqualTo(1);
            assertThat(metrics.received).containsEntry(ReportKind.BOUNCE, 1);
            assertThat(metrics.recorded).containsEntry(Outcome.SUPPRESS, 1);
        }

        @Test
        void theSameReportTwiceShouldBeDecidedAndCountedOnce() {
            byte[] dsn = dsn(UNSIGNED, "newsletter@example.com", "5.1.1", "bob@example.org");
            Report report = ANALYZER.analyze(dsn);
            ReportReceipt receipt = new ReportReceipt("<same@mx>", START, "192.0.2.0/24", List.of());

            ingestion.ingest(report, receipt);
            IngestOutcome again = ingestion.ingest(report, receipt);

            assertThat(outcomes(again)).containsExactly(Outcome.DUPLICATE);
            assertThat(repository.events(AddressKey.of("bob@example.org"))).hasSize(1);
            assertThat(bouncesCountedFor("example.org")).isEqualTo(1);
        }

        @Test
        void aRecipientNamedTwiceShouldKeepTheRecordWithAKnownCause() {
            IngestOutcome outcome = receive(twice("carol@example.org"), UNSIGNED);

            assertThat(outcome.recipients()).first().satisfies(r -> assertThat(r.decision().orElseThrow().event().category())
                .isEqualTo(Category.USER_UNKNOWN));
            assertThat(repository.events(AddressKey.of("carol@example.org"))).singleElement()
                .extracting(BounceEvent::category).isEqualTo(Category.USER_UNKNOWN);
        }

        @Test
        void aRedactedComplaintShouldBeSkippedWithItsReason() {
            IngestOutcome outcome = receive(arf(""), "fbl@example.com");

            assertThat(outcome).isInstanceOf(Stored.class);
            assertThat(outcome.recipients()).singleElement().satisfies(r -> {
                assertThat(r.decision()).isEmpty();
                assertThat(r.skipped()).contains("recipient redacted by the reporter");
            });
        }

        @Test
        void aComplaintShouldSuppressAtOnce() {
            IngestOutcome outcome = receive(arf("dave@example.org"), "fbl@example.com");

            assertThat(outcomes(outcome)).containsExactly(Outcome.SUPPRESS);
            assertThat(repository.events(AddressKey.of("dave@example.org"))).singleElement()
                .extracting(BounceEvent::source).isEqualTo(EventSource.ARF);
        }

        @Test
        void ordinaryMailShouldBeLeftAsItIs() {
            IngestOutcome outcome = receive(("From: a@example.com\r\nTo: b@example.org\r\nSubject: lunch\r\n\r\nnoon?\r\n")
                .getBytes(StandardCharsets.US_ASCII), "b@example.org");

            assertThat(outcome).isEqualTo(new NotAReport(ReportKind.NOT_A_REPORT));
            assertThat(repository.events(AddressKey.of("b@example.org"))).isEmpty();
        }

        @Test
        void aReportNamingNoRecipientShouldBeUnreadable() {
            IngestOutcome outcome = ingestion.ingest(Report.of(ReportKind.BOUNCE, "rfc3464"),
                new ReportReceipt("<empty@mx>", START, "192.0.2.0/24", List.of()));

            assertThat(outcome).isInstanceOfSatisfying(Unreadable.class,
                u -> assertThat(u.cause()).isEqualTo("a bounce report (rfc3464) naming no recipient"));
        }

        @Test
        void aValueTheStoreRefusesShouldMakeTheReportUnreadableNotAStoreFailure() {
            ingestion = ingestion(TrustSettings.none(), refusing(e -> new StoreDataException("value too long", null)));

            assertThat(receive("erin@example.org")).isInstanceOfSatisfying(Unreadable.class, u -> {
                assertThat(u.cause()).isEqualTo("the store refused a value of the report: value too long");
                assertThat(u.recipients()).isEmpty();
            });
        }

        @Test
        void aStoreFailureShouldReachTheCallerSoThatItKeepsTheMail() {
            ingestion = ingestion(TrustSettings.none(), refusing(e -> new IllegalStateException("database down")));

            assertThatThrownBy(() -> receive("frank@example.org")).hasMessage("database down");
        }

        private BounceEventHistory refusing(Function<BounceEvent, RuntimeException> failure) {
            return new ForwardingBounceEventHistory(repository) {
                @Override
                public Optional<Decision> recordEventAndDecide(BounceEvent event, Instant historySince, EventDecision decide) {
                    throw failure.apply(event);
                }
            };
        }
    }

    /** Forged bounces: what the trust check keeps from the policy. */
    @Nested
    class Trusted {
        @BeforeEach
        void checkReports() {
            ingestion = ingestion(new TrustSettings(Optional.of(verp), Optional.of(sent), FeedbackLoopSources.none()), repository);
        }

        @Test
        void aForgedBounceForAnAddressWeNeverMailedShouldSuppressNothingNorCountAgainstTheDomain() {
            sent.add("<newsletter-1@example.com>", "alice@example.org");

            IngestOutcome outcome = receive(dsn(UNSIGNED, "made-up@attacker.example", "5.1.1", "victim@example.org"), UNSIGNED);

            assertThat(outcome.recipients()).singleElement().satisfies(r -> {
                assertThat(r.decision().orElseThrow().outcome()).isEqualTo(Outcome.RECORD_ONLY);
                assertThat(r.decision().orElseThrow().ruleId()).isEqualTo(ReportIngestion.UNTRUSTED_RULE);
            });
            assertThat(suppressed("victim@example.org")).isFalse();
            assertThat(repository.events(AddressKey.of("victim@example.org"))).isEmpty();
            assertThat(untrusted.events(AddressKey.of("victim@example.org"))).singleElement()
                .extracting(UntrustedEvent::reason).isEqualTo(Trust.Reason.UNKNOWN_MESSAGE);
            assertThat(bouncesCountedFor("example.org")).isZero();
            assertThat(metrics.untrusted).containsEntry(Trust.Reason.UNKNOWN_MESSAGE, 1);
        }

        @Test
        void aBounceWithAValidSignatureShouldSuppressExactlyItsRecipient() {
            String returnPath = verp.sign("alice@example.org", BOUNCE_DOMAIN);

            IngestOutcome outcome = receive(dsn(returnPath, "unknown@example.com", "5.1.1", "alice@example.org", "bob@example.org"),
                returnPath);

            assertThat(outcomes(outcome)).containsExactly(Outcome.SUPPRESS, Outcome.RECORD_ONLY);
            assertThat(suppressed("alice@example.org")).isTrue();
            assertThat(suppressed("bob@example.org")).isFalse();
            assertThat(untrusted.events(AddressKey.of("bob@example.org"))).singleElement()
                .extracting(UntrustedEvent::reason).isEqualTo(Trust.Reason.RECIPIENT_NOT_SIGNED);
        }

        @Test
        void aBounceAboutAMessageWeSentShouldSuppressWithoutASignature() {
            sent.add("<newsletter-1@example.com>", "carol@example.org");

            receive(dsn(UNSIGNED, "newsletter-1@example.com", "5.1.1", "carol@example.org"), UNSIGNED);

            assertThat(suppressed("carol@example.org")).isTrue();
        }

        @Test
        void aReportSentToTwoOfOurAddressesShouldBeTrustedWhenOneVouchesForIt() {
            String returnPath = verp.sign("gina@example.org", BOUNCE_DOMAIN);
            Report report = ANALYZER.analyze(dsn(returnPath, "x@example.com", "5.1.1", "gina@example.org"));

            IngestOutcome outcome = ingestion.ingest(report, new ReportReceipt("<two@mx>", START, "192.0.2.0/24",
                List.of(Arrival.at(UNSIGNED), Arrival.at(returnPath))));

            assertThat(outcomes(outcome)).containsExactly(Outcome.SUPPRESS);
        }

        @Test
        void anExpiredSignatureShouldSuppressNothing() {
            String returnPath = verp.sign("alice@example.org", BOUNCE_DOMAIN);
            clock.advance(Duration.ofDays(30));

            IngestOutcome outcome = receive(dsn(returnPath, "m@example.com", "5.1.1", "alice@example.org"), returnPath);

            assertThat(outcome.recipients()).extracting(r -> r.decision().orElseThrow().ruleId())
                .containsExactly(ReportIngestion.UNTRUSTED_RULE);
            assertThat(suppressed("alice@example.org")).isFalse();
        }

        @Test
        void aTamperedSignatureShouldSuppressNothing() {
            String forged = verp.sign("alice@example.org", BOUNCE_DOMAIN).replace("alice=", "victim=");

            receive(dsn(forged, "m@example.com", "5.1.1", "victim@example.org"), forged);

            assertThat(suppressed("victim@example.org")).isFalse();
            assertThat(untrusted.events(AddressKey.of("victim@example.org"))).singleElement()
                .extracting(UntrustedEvent::reason).isEqualTo(Trust.Reason.SIGNATURE_INVALID);
        }

        @Test
        void forgedSoftBouncesShouldNotStartAStreakThatAGenuineOneCompletes() {
            Report forged = ANALYZER.analyze(dsn(UNSIGNED, "forged@attacker.example", "4.2.2", "dave@example.org"));
            ingestion.ingest(forged, new ReportReceipt("<forged@x>", START.minus(Duration.ofDays(10)), "198.51.100.0/24",
                List.of(Arrival.at(UNSIGNED))));
            String returnPath = verp.sign("dave@example.org", BOUNCE_DOMAIN);

            IngestOutcome genuine = receive(dsn(returnPath, "m@example.com", "4.2.2", "dave@example.org"), returnPath);

            assertThat(outcomes(genuine)).containsExactly(Outcome.SOFT_STREAK_PENDING);
            assertThat(suppressed("dave@example.org")).isFalse();
        }

        @Test
        void theSameUntrustedReportTwiceShouldCountOnce() {
            Report report = ANALYZER.analyze(dsn(UNSIGNED, "forged@attacker.example", "5.1.1", "erin@example.org"));
            ReportReceipt receipt = new ReportReceipt("<forged@x>", START, "198.51.100.0/24", List.of(Arrival.at(UNSIGNED)));

            ingestion.ingest(report, receipt);

            assertThat(outcomes(ingestion.ingest(report, receipt))).containsExactly(Outcome.DUPLICATE);
            assertThat(untrusted.countByReason(START, START.plusSeconds(1))).containsEntry(Trust.Reason.UNKNOWN_MESSAGE, 1L);
        }

        @Test
        void aReportNamingMoreUntrustedRecipientsThanWorthKeepingShouldKeepSomeAndBeUnreadable() {
            int max = new TrustEvaluator(TrustSettings.none()).maxRecipientsPerReport();
            String[] many = addresses(2 * max + 1);

            IngestOutcome outcome = receive(dsn(UNSIGNED, "made-up@attacker.example", "5.1.1", many), UNSIGNED);

            assertThat(outcome).isInstanceOfSatisfying(Unreadable.class, u -> {
                assertThat(u.cause()).isEqualTo("the report names " + many.length + " recipients, " + (max + 1)
                    + " of them untrusted beyond the " + max + " kept as untrusted events");
                assertThat(u.capped()).isEmpty();
                assertThat(u.recipients()).hasSize(max);
            });
            assertThat(many).noneMatch(ReportIngestionTest.this::suppressed);
        }

        @Test
        void aReportOtherwiseBelievedNamingMoreRecipientsThanOneMayActOnShouldBeCappedAndSuppressNobody() {
            ingestion = ingestion(TrustSettings.none(), repository);
            int max = new TrustEvaluator(TrustSettings.none()).maxRecipientsPerReport();
            String[] many = addresses(max + 1);

            IngestOutcome outcome = receive(dsn(UNSIGNED, "list-1@example.com", "5.1.1", many), UNSIGNED);

            assertThat(outcome.recipients()).hasSizeLessThanOrEqualTo(many.length);
            IngestOutcome.Capped capped = switch (outcome) {
                case Stored stored -> stored.capped().orElseThrow();
                case Unreadable unreadable -> unreadable.capped().orElseThrow();
                case NotAReport other -> throw new AssertionError(other);
            };
            assertThat(capped.records()).isEqualTo(many.length);
            assertThat(many).noneMatch(ReportIngestionTest.this::suppressed);
            assertThat(metrics.untrusted).containsKey(Trust.Reason.TOO_MANY_RECIPIENTS);
        }

        private static String[] addresses(int n) {
            String[] addresses = new String[n];
            for (int i = 0; i < n; i++) {
                addresses[i] = "user" + i + "@example.org";
            }
            return addresses;
        }
    }

    @Nested
    class DeliveryFailures {
        private static final String USER_UNKNOWN = "550 5.1.1 <gina@example.org>: Recipient address rejected: User unknown";

        private IngestOutcome failed(Optional<String> error, Optional<Integer> code, Optional<Boolean> permanent, String... recipients) {
            return ingestion.ingest(new DeliveryFailure("mail-1", List.of(recipients), error, code, permanent,
                Optional.of("<sent-1@example.com>")));
        }

        @Test
        void aPermanentUnknownUserShouldSuppressWithTheReplyVerbatim() {
            IngestOutcome outcome = failed(Optional.of(USER_UNKNOWN), Optional.of(550), Optional.of(true), "gina@example.org");

            assertThat(outcomes(outcome)).containsExactly(Outcome.SUPPRESS);
            assertThat(repository.events(AddressKey.of("gina@example.org"))).singleElement().satisfies(e -> {
                assertThat(e.source()).isEqualTo(EventSource.SYNCHRONOUS_DELIVERY_FAILURE);
                assertThat(e.category()).isEqualTo(Category.USER_UNKNOWN);
                assertThat(e.diagnostic()).contains(USER_UNKNOWN);
                assertThat(e.originalMessageId()).contains("<sent-1@example.com>");
                assertThat(e.reportKey()).isEqualTo("remote-delivery:mail-1");
            });
            assertThat(bouncesCountedFor("example.org")).isEqualTo(1);
        }

        @Test
        void aTemporaryFailureWithoutARecognisableCauseShouldCountAsExpired() {
            failed(Optional.of("Too many retries failure. Bouncing after 5 retries."), Optional.empty(), Optional.of(false),
                "hugo@example.org");

            assertThat(repository.events(AddressKey.of("hugo@example.org"))).singleElement().satisfies(e -> {
                assertThat(e.category()).isEqualTo(Category.EXPIRED);
                assertThat(e.ruleId()).isEqualTo(ReportIngestion.RETRIES_EXHAUSTED_RULE);
            });
        }

        @Test
        void withoutAPermanenceFlagTheReplyCodeShouldDecide() {
            failed(Optional.of("452 4.2.2 mailbox full"), Optional.empty(), Optional.empty(), "ivan@example.org");

            assertThat(repository.events(AddressKey.of("ivan@example.org"))).singleElement()
                .extracting(BounceEvent::category).isEqualTo(Category.MAILBOX_FULL);
            assertThat(suppressed("ivan@example.org")).isFalse();
        }

        @Test
        void aRecipientThatIsNoMailboxShouldBeLeftOut() {
            IngestOutcome outcome = failed(Optional.of(USER_UNKNOWN), Optional.of(550), Optional.of(true), "not an address",
                "judy@example.org");

            assertThat(outcome.recipients()).hasSize(1);
            assertThat(suppressed("judy@example.org")).isTrue();
        }

        @Test
        void theSameFailureTwiceShouldBeDecidedOnce() {
            failed(Optional.of(USER_UNKNOWN), Optional.of(550), Optional.of(true), "kim@example.org");

            IngestOutcome again = failed(Optional.of(USER_UNKNOWN), Optional.of(550), Optional.of(true), "kim@example.org");

            assertThat(outcomes(again)).containsExactly(Outcome.DUPLICATE);
            assertThat(bouncesCountedFor("example.org")).isEqualTo(1);
        }

        @Test
        void aFailureNothingDescribesShouldBeSaidSo() {
            assertThat(new DeliveryFailure("m", List.of("a@example.org"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()).isUndescribed()).isTrue();
        }
    }

    private static byte[] twice(String recipient) {
        String status = "Reporting-MTA: dns; mx.example.org\r\n"
            + "\r\nFinal-Recipient: rfc822; " + recipient + "\r\nAction: failed\r\nStatus: 5.0.0\r\n"
            + "\r\nFinal-Recipient: rfc822; " + recipient + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
            + "Diagnostic-Code: smtp; 550 5.1.1 <" + recipient + ">: user unknown\r\n";
        return report("bounces@" + BOUNCE_DOMAIN, "n@example.com", recipient, status);
    }

    private static byte[] dsn(String returnPath, String messageId, String status, String... recipients) {
        StringBuilder fields = new StringBuilder("Reporting-MTA: dns; mx.example.org\r\n");
        for (String r : recipients) {
            fields.append("\r\nFinal-Recipient: rfc822; ").append(r).append("\r\nAction: failed\r\nStatus: ").append(status).append("\r\n")
                .append("Diagnostic-Code: smtp; ").append(status.startsWith("5") ? "550 " : "452 ").append(status).append(" <").append(r)
                .append(status.startsWith("5") ? ">: user unknown\r\n" : ">: mailbox full\r\n");
        }
        return report(returnPath, messageId, recipients.length == 0 ? "x@example.org" : recipients[0], fields.toString());
    }

    private static byte[] report(String returnPath, String messageId, String firstRecipient, String status) {
        String message = "Return-Path: <>\r\nFrom: MAILER-DAEMON@mx.example.org\r\nTo: " + returnPath + "\r\n"
            + "Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
            + "--b\r\nContent-Type: message/delivery-status\r\n\r\n" + status
            + "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nReturn-Path: <" + returnPath + ">\r\nFrom: news@example.com\r\n"
            + "To: " + firstRecipient + "\r\nSubject: News\r\nMessage-ID: <" + messageId + ">\r\n\r\n--b--\r\n";
        return message.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] arf(String originalRecipient) {
        String message = "From: feedback@fbl.example.net\r\nTo: fbl@example.com\r\nSubject: complaint\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nThis is an abuse report.\r\n"
            + "--b\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nUser-Agent: fbl/1.0\r\nVersion: 1\r\n"
            + (originalRecipient.isEmpty() ? "" : "Original-Rcpt-To: " + originalRecipient + "\r\n")
            + "\r\n--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: news@example.com\r\n"
            + (originalRecipient.isEmpty() ? "" : "To: " + originalRecipient + "\r\n")
            + "Subject: News\r\nMessage-ID: <n-1@example.com>\r\n\r\nNews.\r\n--b--\r\n";
        return message.getBytes(StandardCharsets.UTF_8);
    }

    private static final class CountingMetrics implements IngestMetrics {
        final Map<ReportKind, Integer> received = new EnumMap<>(ReportKind.class);
        final Map<Trust.Reason, Integer> untrusted = new EnumMap<>(Trust.Reason.class);
        final Map<Outcome, Integer> recorded = new EnumMap<>(Outcome.class);

        @Override
        public void reportReceived(ReportKind kind) {
            received.merge(kind, 1, Integer::sum);
        }

        @Override
        public void untrustedRecord(Trust.Reason reason) {
            untrusted.merge(reason, 1, Integer::sum);
        }

        @Override
        public void recorded(Outcome outcome) {
            recorded.merge(outcome, 1, Integer::sum);
        }
    }
}
