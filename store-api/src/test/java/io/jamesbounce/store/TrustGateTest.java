package io.jamesbounce.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.core.policy.Outcome;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.SuppressionPolicy;
import io.jamesbounce.core.testing.MutableClock;
import io.jamesbounce.core.trust.Arrival;
import io.jamesbounce.core.trust.FeedbackLoopSources;
import io.jamesbounce.core.trust.RotatingBloomFilter;
import io.jamesbounce.core.trust.Trust;
import io.jamesbounce.core.trust.TrustEvaluator;
import io.jamesbounce.core.trust.TrustSettings;
import io.jamesbounce.core.trust.TrustedRecord;
import io.jamesbounce.core.verp.SignedVerpScheme;
import io.jamesbounce.core.verp.VerpKey;
import io.jamesbounce.core.verp.VerpKeys;

/** Forged bounces against the real analyzer, evaluator, policy, service and in-memory repository. */
class TrustGateTest {
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final String BOUNCE_DOMAIN = "bounce.example.com";
    private static final String UNSIGNED = "bounces@" + BOUNCE_DOMAIN;
    private static final BounceAnalyzer ANALYZER = BounceAnalyzer.withDefaults();

    private MutableClock clock;
    private MemorySuppressionRepository repository;
    private MemoryUntrustedEventLog untrusted;
    private TrustGate gate;
    private SignedVerpScheme verp;
    private RotatingBloomFilter sent;
    private TrustEvaluator evaluator;
    private int reports;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        repository = new MemorySuppressionRepository();
        untrusted = new MemoryUntrustedEventLog();
        SuppressionService service = new SuppressionService(repository, repository, new SuppressionPolicy(PolicySettings.defaults(), clock), clock);
        gate = new TrustGate(service, untrusted, clock);
        verp = SignedVerpScheme.of(Set.of(BOUNCE_DOMAIN),
            VerpKeys.of(new VerpKey('k', "store-test-secret-0123456789".getBytes(StandardCharsets.UTF_8))), clock);
        sent = new RotatingBloomFilter(10_000, 0.001, Duration.ofDays(7), clock);
        evaluator = new TrustEvaluator(new TrustSettings(Optional.of(verp), Optional.of(sent), FeedbackLoopSources.none()));
    }

    /** What the mailet does: analyze, evaluate trust, record each record through the gate. */
    private List<Decision> receive(String envelopeRecipient, String originalMessageId, String... recipients) {
        String reportKey = "<report-" + (++reports) + "@mx.example.org>";
        List<TrustedRecord> records = evaluator.evaluate(ANALYZER.analyze(dsn(envelopeRecipient, originalMessageId, recipients)),
            Arrival.at(envelopeRecipient));
        assertThat(records).hasSize(recipients.length);
        return records.stream()
            .map(r -> gate.record(BounceEvent.from(r.record(), EventSource.DSN, clock.instant(), reportKey,
                LocalPartMatching.CASE_INSENSITIVE), r.trust()))
            .toList();
    }

    private boolean suppressed(String address) {
        return repository.isSuppressed(AddressKey.of(address), clock.instant());
    }

    @Test
    void aForgedBounceForAnAddressWeNeverMailedShouldSuppressNothing() {
        sent.add("<newsletter-1@example.com>", "alice@example.org");

        List<Decision> decisions = receive(UNSIGNED, "made-up@attacker.example", "victim@example.org");

        assertThat(decisions).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(Outcome.RECORD_ONLY);
            assertThat(d.ruleId()).isEqualTo(TrustGate.UNTRUSTED);
        });
        assertThat(suppressed("victim@example.org")).isFalse();
        assertThat(repository.events(AddressKey.of("victim@example.org"))).isEmpty();
        assertThat(untrusted.events(AddressKey.of("victim@example.org"))).singleElement()
            .extracting(UntrustedEvent::reason).isEqualTo(Trust.Reason.UNKNOWN_MESSAGE);
        assertThat(untrusted.countByReason(START, START.plusSeconds(1))).isEqualTo(Map.of(Trust.Reason.UNKNOWN_MESSAGE, 1L));
    }

    @Test
    void aBounceWithAValidSignatureShouldSuppressExactlyItsRecipient() {
        String returnPath = verp.sign("alice@example.org", BOUNCE_DOMAIN);

        List<Decision> decisions = receive(returnPath, "unknown-to-the-filter@example.com", "alice@example.org", "bob@example.org");

        assertThat(decisions).extracting(Decision::outcome).containsExactly(Outcome.SUPPRESS, Outcome.RECORD_ONLY);
        assertThat(suppressed("alice@example.org")).isTrue();
        assertThat(suppressed("bob@example.org")).isFalse();
        assertThat(untrusted.events(AddressKey.of("bob@example.org"))).singleElement()
            .extracting(UntrustedEvent::reason).isEqualTo(Trust.Reason.RECIPIENT_NOT_SIGNED);
    }

    @Test
    void aBounceAboutAMessageWeSentShouldSuppressWithoutASignature() {
        sent.add("<newsletter-1@example.com>", "carol@example.org");

        receive(UNSIGNED, "newsletter-1@example.com", "carol@example.org");

        assertThat(suppressed("carol@example.org")).isTrue();
    }

    @Nested
    class BadSignatures {
        @Test
        void anExpiredSignatureShouldSuppressNothing() {
            String returnPath = verp.sign("alice@example.org", BOUNCE_DOMAIN);
            clock.advance(Duration.ofDays(30));

            assertThat(receive(returnPath, "m@example.com", "alice@example.org")).extracting(Decision::ruleId)
                .containsExactly(TrustGate.UNTRUSTED);
            assertThat(suppressed("alice@example.org")).isFalse();
        }

        @Test
        void aTamperedSignatureShouldSuppressNothing() {
            String forged = verp.sign("alice@example.org", BOUNCE_DOMAIN).replace("alice=", "victim=");

            assertThat(receive(forged, "m@example.com", "victim@example.org")).extracting(Decision::ruleId)
                .containsExactly(TrustGate.UNTRUSTED);
            assertThat(suppressed("victim@example.org")).isFalse();
            assertThat(untrusted.events(AddressKey.of("victim@example.org"))).singleElement()
                .extracting(UntrustedEvent::reason).isEqualTo(Trust.Reason.SIGNATURE_INVALID);
        }
    }

    @Test
    void forgedSoftBouncesShouldNotStartAStreakThatAGenuineOneCompletes() {
        AddressKey dave = AddressKey.of("dave@example.org");
        gate.record(BounceEvent.bare("<forged@x>", dave, START.minus(Duration.ofDays(10)), EventSource.DSN, Category.MAILBOX_FULL, "r"),
            new Trust.Untrusted(Trust.Reason.UNKNOWN_MESSAGE, "forged"));

        Decision genuine = gate.record(BounceEvent.bare("<real@x>", dave, START, EventSource.DSN, Category.MAILBOX_FULL, "r"),
            new Trust.Trusted(Trust.Basis.VERP_SIGNATURE));

        assertThat(genuine.outcome()).isEqualTo(Outcome.SOFT_STREAK_PENDING);
        assertThat(repository.isSuppressed(dave, clock.instant())).isFalse();
    }

    @Test
    void theSameUntrustedReportTwiceShouldCountOnce() {
        BounceEvent event = BounceEvent.bare("<forged@x>", AddressKey.of("erin@example.org"), START, EventSource.DSN,
            Category.USER_UNKNOWN, "r");
        Trust.Untrusted trust = new Trust.Untrusted(Trust.Reason.UNKNOWN_MESSAGE, "forged");

        gate.record(event, trust);

        assertThat(gate.record(event, trust).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(untrusted.countByReason(START, START.plusSeconds(1))).containsEntry(Trust.Reason.UNKNOWN_MESSAGE, 1L);
    }

    private static byte[] dsn(String returnPath, String messageId, String... recipients) {
        StringBuilder status = new StringBuilder("Reporting-MTA: dns; mx.example.org\r\n");
        for (String r : recipients) {
            status.append("\r\nFinal-Recipient: rfc822; ").append(r).append("\r\nAction: failed\r\nStatus: 5.1.1\r\n")
                .append("Diagnostic-Code: smtp; 550 5.1.1 <").append(r).append(">: user unknown\r\n");
        }
        String message = "Return-Path: <>\r\nFrom: MAILER-DAEMON@mx.example.org\r\nTo: " + returnPath + "\r\n"
            + "Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
            + "--b\r\nContent-Type: message/delivery-status\r\n\r\n" + status
            + "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nReturn-Path: <" + returnPath + ">\r\nFrom: news@example.com\r\n"
            + "To: " + recipients[0] + "\r\nSubject: News\r\nMessage-ID: <" + messageId + ">\r\n\r\n--b--\r\n";
        return message.getBytes(StandardCharsets.UTF_8);
    }
}
