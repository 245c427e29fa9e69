package io.jamesbounce.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jamesbounce.core.model.Report;
import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.testing.MutableClock;
import io.jamesbounce.core.verp.SignedVerpScheme;
import io.jamesbounce.core.verp.VerpKey;
import io.jamesbounce.core.verp.VerpKeys;
import io.jamesbounce.core.verp.VerpVerification;

class TrustEvaluatorTest {
    private static final String BOUNCE_DOMAIN = "bounce.example.com";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T08:00:00Z"));
    private final SignedVerpScheme verp = SignedVerpScheme.of(Set.of(BOUNCE_DOMAIN),
        VerpKeys.of(new VerpKey('k', "a-test-secret-of-enough-bytes".getBytes(StandardCharsets.UTF_8))), clock);

    private List<Trust> trustOf(TrustSettings settings, Report report, Arrival arrival) {
        return new TrustEvaluator(settings).evaluate(report, arrival).stream().map(TrustedRecord::trust).toList();
    }

    @Nested
    class OneReportManyRecipients {
        private String[] recipients(int n) {
            return java.util.stream.IntStream.range(0, n).mapToObj(i -> "user" + i + "@example.org").toArray(String[]::new);
        }

        @Test
        void aReportNamingMoreRecipientsThanTheCapShouldActOnNone() {
            List<Trust> trust = trustOf(TrustSettings.none(), Reports.dsn("bounces@" + BOUNCE_DOMAIN, "m1@example.com", recipients(21)),
                Arrival.at("bounces@" + BOUNCE_DOMAIN));

            assertThat(trust).hasSize(21).allSatisfy(t -> assertThat(t).isInstanceOfSatisfying(Trust.Untrusted.class,
                u -> assertThat(u.reason()).isEqualTo(Trust.Reason.TOO_MANY_RECIPIENTS)));
        }

        @Test
        void aReportNamingAsManyRecipientsAsTheCapShouldStillAct() {
            List<Trust> trust = trustOf(TrustSettings.none(), Reports.dsn("bounces@" + BOUNCE_DOMAIN, "m1@example.com", recipients(20)),
                Arrival.at("bounces@" + BOUNCE_DOMAIN));

            assertThat(trust).hasSize(20).allSatisfy(t -> assertThat(t.trusted()).isTrue());
        }

        @Test
        void theCapCountsOnlyTheRecipientsTheReportWouldHaveTrusted() {
            String returnPath = verp.sign("user0@example.org", BOUNCE_DOMAIN);
            TrustSettings settings = new TrustSettings(Optional.of(verp), Optional.empty(), FeedbackLoopSources.none(), 5);

            List<Trust> trust = trustOf(settings, Reports.dsn(returnPath, "m1@example.com", recipients(30)), Arrival.at(returnPath));

            assertThat(trust.get(0)).isEqualTo(new Trust.Trusted(Trust.Basis.VERP_SIGNATURE));
            assertThat(trust.subList(1, 30)).allSatisfy(t -> assertThat(t).isInstanceOfSatisfying(Trust.Untrusted.class,
                u -> assertThat(u.reason()).isEqualTo(Trust.Reason.RECIPIENT_NOT_SIGNED)));
        }

        @Test
        void onlyTheFirstUntrustedRecordsUpToTheCapAreWorthStoringEveryTrustedOneIs() {
            String returnPath = verp.sign("user29@example.org", BOUNCE_DOMAIN);
            TrustEvaluator evaluator = new TrustEvaluator(new TrustSettings(Optional.of(verp), Optional.empty(), FeedbackLoopSources.none(), 5));
            List<TrustedRecord> all = evaluator.evaluate(Reports.dsn(returnPath, "m1@example.com", recipients(2000)), Arrival.at(returnPath));

            List<TrustedRecord> stored = evaluator.worthStoring(all);

            assertThat(stored).extracting(r -> r.record().recipient())
                .containsExactly("user0@example.org", "user1@example.org", "user2@example.org", "user3@example.org", "user4@example.org",
                    "user29@example.org");
            assertThat(evaluator.worthStoring(all.subList(0, 5))).isEqualTo(all.subList(0, 5));
        }
    }

    @Nested
    class SignedReturnPaths {
        private final TrustSettings settings = new TrustSettings(Optional.of(verp), Optional.empty(), FeedbackLoopSources.none());

        @Test
        void aBounceToAValidSignatureShouldBeTrustedForItsRecipient() {
            String returnPath = verp.sign("alice@example.org", BOUNCE_DOMAIN);
            assertThat(trustOf(settings, Reports.dsn(returnPath, "m1@example.com", "alice@example.org"), Arrival.at(returnPath)))
                .containsExactly(new Trust.Trusted(Trust.Basis.VERP_SIGNATURE));
        }

        @Test
        void aRecordForAnyOtherRecipientShouldNotBeTrusted() {
            String returnPath = verp.sign("alice@example.org", BOUNCE_DOMAIN);
            List<Trust> trust = trustOf(settings, Reports.dsn(returnPath, "m1@example.com", "alice@example.org", "bob@example.org"),
                Arrival.at(returnPath));
            assertThat(trust.get(0)).isEqualTo(new Trust.Trusted(Trust.Basis.VERP_SIGNATURE));
            assertThat(trust.get(1)).isInstanceOfSatisfying(Trust.Untrusted.class,
                u -> assertThat(u.reason()).isEqualTo(Trust.Reason.RECIPIENT_NOT_SIGNED));
        }

        @Test
        void anExpiredSignatureShouldNotBeTrusted() {
            String returnPath = verp.sign("alice@example.org", BOUNCE_DOMAIN);
            clock.advance(Duration.ofDays(20));
            assertThat(trustOf(settings, Reports.dsn(returnPath, "m1@example.com", "alice@example.org"), Arrival.at(returnPath)))
                .singleElement().extracting(t -> ((Trust.Untrusted) t).reason()).isEqualTo(Trust.Reason.SIGNATURE_EXPIRED);
        }

        @Test
        void aTamperedSignatureShouldNotBeTrusted() {
            String returnPath = verp.sign("alice@example.org", BOUNCE_DOMAIN).replace("alice=", "victim=");
            assertThat(trustOf(settings, Reports.dsn(returnPath, "m1@example.com", "victim@example.org"), Arrival.at(returnPath)))
                .singleElement().extracting(t -> ((Trust.Untrusted) t).reason()).isEqualTo(Trust.Reason.SIGNATURE_INVALID);
        }

        @Test
        void aBounceToAnUnsignedAddressShouldNotBeTrustedOnceSignaturesAreConfigured() {
            assertThat(trustOf(settings, Reports.dsn("bounces@" + BOUNCE_DOMAIN, "m1@example.com", "alice@example.org"),
                Arrival.at("bounces@" + BOUNCE_DOMAIN)))
                .singleElement().extracting(t -> ((Trust.Untrusted) t).reason()).isEqualTo(Trust.Reason.UNSIGNED_RETURN_PATH);
        }

        /** issue #15: an operator who routes another address to the report mailets must not open a hole. */
        @ParameterizedTest
        @ValueSource(strings = {"postmaster@example.com", "abuse@" + BOUNCE_DOMAIN, "bounces+alice=example.org@other.example.com"})
        void aReportToAnAddressOutsideTheBounceAddressesShouldNotBeTrusted(String envelopeRecipient) {
            assertThat(verp.verify(envelopeRecipient)).isNotInstanceOf(VerpVerification.Valid.class);
            assertThat(trustOf(settings, Reports.dsn(envelopeRecipient, "m1@example.com", "alice@example.org"), Arrival.at(envelopeRecipient)))
                .singleElement().isInstanceOf(Trust.Untrusted.class);
        }

        @Test
        void aSignatureMadeForAnotherDomainShouldNotBeTrustedAtOurs() {
            String signedElsewhere = verp.sign("alice@example.org", "other.example.com");
            assertThat(trustOf(settings, Reports.dsn(signedElsewhere, "m1@example.com", "alice@example.org"), Arrival.at(signedElsewhere)))
                .singleElement().isInstanceOf(Trust.Untrusted.class);
        }
    }

    @Nested
    class SentMessages {
        private final RotatingBloomFilter sent = new RotatingBloomFilter(10_000, 0.001, Duration.ofDays(1), clock);
        private final TrustSettings settings = new TrustSettings(Optional.of(verp), Optional.of(sent), FeedbackLoopSources.none());

        @Test
        void aBounceAboutAMessageWeSentShouldBeTrustedWithoutASignature() {
            sent.add("<m1@example.com>", "alice@example.org");
            assertThat(trustOf(settings, Reports.dsn("bounces@" + BOUNCE_DOMAIN, "m1@example.com", "alice@example.org"),
                Arrival.at("bounces@" + BOUNCE_DOMAIN))).containsExactly(new Trust.Trusted(Trust.Basis.SENT_MESSAGE_ID));
        }

        @Test
        void aBounceAboutAMessageWeNeverSentShouldNotBeTrusted() {
            sent.add("<m1@example.com>", "alice@example.org");
            assertThat(trustOf(settings, Reports.dsn("bounces@" + BOUNCE_DOMAIN, "forged@attacker.example", "alice@example.org"),
                Arrival.at("bounces@" + BOUNCE_DOMAIN)))
                .singleElement().extracting(t -> ((Trust.Untrusted) t).reason()).isEqualTo(Trust.Reason.UNKNOWN_MESSAGE);
        }

        @Test
        void aMessageIdWeSentShouldVouchOnlyForTheRecipientWeSentItTo() {
            // issue #15: one public Message-ID must not make every recipient a report names trusted
            sent.add("<m1@example.com>", "alice@example.org");
            List<Trust> trust = trustOf(settings, Reports.dsn("bounces@" + BOUNCE_DOMAIN, "m1@example.com", "alice@example.org",
                "ceo@example.org"), Arrival.at("bounces@" + BOUNCE_DOMAIN));

            assertThat(trust.get(0)).isEqualTo(new Trust.Trusted(Trust.Basis.SENT_MESSAGE_ID));
            assertThat(trust.get(1)).isInstanceOfSatisfying(Trust.Untrusted.class,
                u -> assertThat(u.reason()).isEqualTo(Trust.Reason.UNKNOWN_MESSAGE));
        }

        @Test
        void aValidSignatureShouldNotNeedTheMessageId() {
            String returnPath = verp.sign("alice@example.org", BOUNCE_DOMAIN);
            assertThat(trustOf(settings, Reports.dsn(returnPath, "unknown@example.com", "alice@example.org"), Arrival.at(returnPath)))
                .containsExactly(new Trust.Trusted(Trust.Basis.VERP_SIGNATURE));
        }
    }

    /** Issue #15: as shipped, signatures and the sent-message log on, no feedback loop configured. */
    @Nested
    class FeedbackAsShipped {
        private final RotatingBloomFilter sent = new RotatingBloomFilter(10_000, 0.001, Duration.ofDays(1), clock);
        private final TrustSettings settings = new TrustSettings(Optional.of(verp), Optional.of(sent), FeedbackLoopSources.none());
        private final Arrival arrival = Arrival.at("fbl@example.com");

        @Test
        void aComplaintFromAnyoneAboutAMessageWeNeverSentShouldNotBeTrusted() {
            assertThat(trustOf(settings, Reports.arf("ceo@customer.example"), arrival)).singleElement()
                .isInstanceOfSatisfying(Trust.Untrusted.class, u -> assertThat(u.reason()).isEqualTo(Trust.Reason.UNKNOWN_FEEDBACK_SOURCE));
        }

        @Test
        void aComplaintAboutAMessageWeSentToThatRecipientShouldBeTrusted() {
            sent.add("<news-1@example.com>", "alice@example.org");
            assertThat(trustOf(settings, Reports.arf("alice@example.org"), arrival))
                .containsExactly(new Trust.Trusted(Trust.Basis.SENT_MESSAGE_ID));
        }

        @Test
        void ourMessageIdShouldNotVouchForAComplaintAboutAnotherRecipient() {
            sent.add("<news-1@example.com>", "alice@example.org");
            assertThat(trustOf(settings, Reports.arf("bob@example.org"), arrival)).singleElement()
                .isInstanceOf(Trust.Untrusted.class);
        }

        @Test
        void withNoCheckAtAllAComplaintShouldStayUnchecked() {
            assertThat(trustOf(TrustSettings.none(), Reports.arf("alice@example.org"), arrival))
                .containsExactly(new Trust.Trusted(Trust.Basis.UNCHECKED));
        }
    }

    @Nested
    class FeedbackLoops {
        private final TrustSettings settings = new TrustSettings(Optional.empty(), Optional.empty(),
            new FeedbackLoopSources("mx.example.com", Set.of("fbl.example.net"), Set.of("feedback@isp.example")));
        private final Report report = Reports.arf("alice@example.org");

        @Test
        void theFixtureShouldBeAFeedbackReport() {
            assertThat(report.kind()).isEqualTo(ReportKind.FEEDBACK);
            assertThat(report.records()).isNotEmpty();
        }

        @Test
        void aReportWithPassingDkimOfAConfiguredDomainPerOurServerShouldBeTrusted() {
            Arrival arrival = new Arrival("fbl@example.com", Optional.empty(), Optional.empty(),
                List.of("mx.example.com; dkim=pass (good signature) header.d=mail.fbl.example.net header.s=s1; spf=none"));
            assertThat(trustOf(settings, report, arrival)).containsOnly(new Trust.Trusted(Trust.Basis.FEEDBACK_LOOP_SOURCE));
        }

        @Test
        void aReportWithPassingSpfOfAConfiguredDomainShouldBeTrusted() {
            Arrival arrival = new Arrival("fbl@example.com", Optional.empty(), Optional.empty(),
                List.of("mx.example.com 1; spf=pass smtp.mailfrom=bounces@fbl.example.net"));
            assertThat(trustOf(settings, report, arrival)).containsOnly(new Trust.Trusted(Trust.Basis.FEEDBACK_LOOP_SOURCE));
        }

        @Test
        void authenticationResultsOfAnotherServerOrBelowOursShouldNotCount() {
            Arrival foreign = new Arrival("fbl@example.com", Optional.empty(), Optional.empty(),
                List.of("mx.attacker.example; dkim=pass header.d=fbl.example.net"));
            Arrival belowOurs = new Arrival("fbl@example.com", Optional.empty(), Optional.empty(),
                List.of("mx.example.com; dkim=fail header.d=fbl.example.net", "mx.example.com; dkim=pass header.d=fbl.example.net"));
            assertThat(trustOf(settings, report, foreign)).allMatch(t -> !t.trusted());
            assertThat(trustOf(settings, report, belowOurs)).allMatch(t -> !t.trusted());
        }

        @Test
        void aFailingOrLookalikeDomainShouldNotBeTrusted() {
            Arrival lookalike = new Arrival("fbl@example.com", Optional.empty(), Optional.empty(),
                List.of("mx.example.com; dkim=pass header.d=evilfbl.example.net"));
            assertThat(trustOf(settings, report, lookalike)).singleElement()
                .extracting(t -> ((Trust.Untrusted) t).reason()).isEqualTo(Trust.Reason.UNKNOWN_FEEDBACK_SOURCE);
        }

        @Test
        void aConfiguredSourceAddressShouldBeTrusted() {
            Arrival arrival = new Arrival("fbl@example.com", Optional.of("<Feedback@isp.example>"), Optional.empty(), List.of());
            assertThat(trustOf(settings, report, arrival)).containsOnly(new Trust.Trusted(Trust.Basis.FEEDBACK_LOOP_SOURCE));
        }
    }

    @Test
    void withNoCheckConfiguredEveryRecordShouldBeTrustedAsBefore() {
        assertThat(trustOf(TrustSettings.none(), Reports.dsn("bounces@" + BOUNCE_DOMAIN, "m1@example.com", "alice@example.org"),
            Arrival.at("bounces@" + BOUNCE_DOMAIN))).containsExactly(new Trust.Trusted(Trust.Basis.UNCHECKED));
    }
}
