package io.jamesbounce.core.verp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.testing.MutableClock;

class SignedVerpSchemeTest {
    private static final VerpKey KEY_A = new VerpKey('a', "0123456789abcdef-first-secret".getBytes(StandardCharsets.UTF_8));
    private static final VerpKey KEY_B = new VerpKey('b', "fedcba9876543210-second-secret".getBytes(StandardCharsets.UTF_8));
    private static final String DOMAIN = "bounce.example.com";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T08:00:00Z"));
    private final SignedVerpScheme scheme = SignedVerpScheme.of(Set.of(DOMAIN), VerpKeys.of(KEY_A), clock);

    @Test
    void signShouldWriteTheTagBeforeTheRecipient() {
        assertThat(scheme.sign("User@Example.org", DOMAIN)).matches("bounces\\+a[a-z2-7]{11}\\+user=example\\.org@bounce\\.example\\.com");
    }

    @Test
    void verifyShouldGiveExactlyTheSignedRecipient() {
        assertThat(scheme.verify(scheme.sign("user@example.org", DOMAIN)))
            .isEqualTo(new VerpVerification.Valid("user@example.org", 'a', LocalDate.parse("2025-03-15")));
    }

    @Test
    void theUnverifiedSchemeShouldReadTheRecipientOfASignedReturnPath() {
        assertThat(scheme.unverified().decode(scheme.sign("first+tag=x@example.org", DOMAIN))).contains("first+tag=x@example.org");
    }

    @Test
    void verifyShouldKeepPlusAndEqualsOfTheRecipientsLocalPart() {
        assertThat(scheme.verify(scheme.sign("first+tag=x@example.org", DOMAIN)).validRecipient()).contains("first+tag=x@example.org");
    }

    @Test
    void verifyShouldSurviveAnMtaThatFoldsTheCase() {
        String signed = scheme.sign("user@example.org", DOMAIN);
        assertThat(scheme.verify(signed.toUpperCase(Locale.ROOT)).validRecipient()).contains("user@example.org");
        assertThat(scheme.verify("<" + signed + ">").validRecipient()).contains("user@example.org");
    }

    @Nested
    class Expiry {
        @Test
        void aBounceOnTheLastValidDayShouldVerify() {
            String signed = scheme.sign("user@example.org", DOMAIN);
            clock.advance(Duration.ofDays(14));
            assertThat(scheme.verify(signed)).isInstanceOf(VerpVerification.Valid.class);
        }

        @Test
        void aBounceAfterTheValidityShouldBeExpired() {
            String signed = scheme.sign("user@example.org", DOMAIN);
            clock.advance(Duration.ofDays(15));
            assertThat(scheme.verify(signed)).isEqualTo(new VerpVerification.Expired("user@example.org", LocalDate.parse("2025-03-15")));
        }

        @Test
        void anAlteredExpiryShouldBeTamperedNotValid() {
            String signed = scheme.sign("user@example.org", DOMAIN);
            clock.advance(Duration.ofDays(30));
            int day = "bounces+a".length();
            String later = signed.substring(0, day) + "zzz" + signed.substring(day + 3);
            assertThat(scheme.verify(later)).isInstanceOf(VerpVerification.Tampered.class);
        }
    }

    @Nested
    class Tampering {
        @Test
        void changingAnyCharacterOfTheTagOrRecipientShouldBreakTheSignature() {
            String signed = scheme.sign("user@example.org", DOMAIN);
            int end = signed.indexOf('@');
            for (int i = "bounces+".length(); i < end; i++) {
                char c = signed.charAt(i);
                if (c == '+' || c == '=') {
                    continue;
                }
                char other = c == 'q' ? 'r' : 'q';
                String altered = signed.substring(0, i) + other + signed.substring(i + 1);
                assertThat(scheme.verify(altered)).as("changed at %d: %s", i, altered).isInstanceOf(VerpVerification.Tampered.class);
            }
        }

        @Test
        void randomDamageShouldNeverVerifyUnlessOnlyTheCaseChangedAndNeverThrow() {
            String signed = scheme.sign("user@example.org", DOMAIN);
            java.util.Random random = new java.util.Random(11);
            String alphabet = "abcdefghijklmnopqrstuvwxyzABC234567+=@.-_<>\" \u00e9";
            for (int i = 0; i < 20_000; i++) {
                StringBuilder b = new StringBuilder(signed);
                int edits = 1 + random.nextInt(3);
                for (int k = 0; k < edits && b.length() > 0; k++) {
                    int at = random.nextInt(b.length());
                    switch (random.nextInt(3)) {
                        case 0 -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        case 1 -> b.deleteCharAt(at);
                        default -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                String damaged = b.toString();
                VerpVerification v = scheme.verify(damaged);
                if (v instanceof VerpVerification.Valid valid) {
                    // the only damage a valid signature survives: case, and the angle brackets and quotes an address may wear
                    assertThat(damaged.toLowerCase(Locale.ROOT).replaceAll("[<>\" ]", "")).as(damaged).isEqualTo(signed);
                    assertThat(valid.recipient()).isEqualTo("user@example.org");
                }
            }
        }

        @Test
        void anotherRecipientSplicedUnderAValidTagShouldBeTampered() {
            String signed = scheme.sign("user@example.org", DOMAIN);
            String spliced = signed.replace("user=example.org", "victim=example.org");
            assertThat(scheme.verify(spliced)).isInstanceOf(VerpVerification.Tampered.class);
        }

        @Test
        void aSignatureByAnUnknownKeyShouldBeTampered() {
            SignedVerpScheme foreign = SignedVerpScheme.of(Set.of(DOMAIN),
                VerpKeys.of(new VerpKey('a', "another-secret-entirely-000".getBytes(StandardCharsets.UTF_8))), clock);
            assertThat(scheme.verify(foreign.sign("user@example.org", DOMAIN))).isEqualTo(new VerpVerification.Tampered("signature does not match"));
        }

        @Test
        void truncatedAddressesShouldNeverVerify() {
            String signed = scheme.sign("user@example.org", DOMAIN);
            String local = signed.substring(0, signed.indexOf('@'));
            for (int cut = "bounces+".length() + 1; cut < local.length(); cut++) {
                String truncated = local.substring(0, cut) + "@" + DOMAIN;
                assertThat(scheme.verify(truncated)).as(truncated).isNotInstanceOf(VerpVerification.Valid.class);
            }
        }
    }

    @Nested
    class NotSigned {
        @Test
        void aPlainVerpAddressShouldBeUnsignedWithItsClaim() {
            assertThat(scheme.verify("bounces+user=example.org@" + DOMAIN)).isEqualTo(
                new VerpVerification.Unsigned(java.util.Optional.of("user@example.org")));
        }

        @Test
        void anotherPrefixOrDomainShouldNotBeOurs() {
            assertThat(scheme.verify("alice@" + DOMAIN)).isInstanceOf(VerpVerification.NotOurs.class);
            assertThat(scheme.verify(scheme.sign("user@example.org", "elsewhere.example.net"))).isInstanceOf(VerpVerification.NotOurs.class);
            assertThat(scheme.verify("garbage")).isInstanceOf(VerpVerification.NotOurs.class);
            assertThat(scheme.verify(null)).isInstanceOf(VerpVerification.NotOurs.class);
        }

        @Test
        void anAbsurdlyLongInternationalDomainShouldNotBeOursRatherThanThrow() {
            // the JDK's Punycode throws a bare RuntimeException past 1000 characters (found by the fuzzer)
            assertThat(scheme.verify("bounces+x=example.org@" + "\u00e9".repeat(2000) + ".example"))
                .isInstanceOf(VerpVerification.NotOurs.class);
        }
    }

    @Nested
    class Rotation {
        @Test
        void thePreviousKeyShouldStillVerifyDuringTheOverlap() {
            String signedWithA = scheme.sign("user@example.org", DOMAIN);
            SignedVerpScheme rotated = scheme.withKeys(VerpKeys.rotating(KEY_B, KEY_A));
            assertThat(rotated.verify(signedWithA).validRecipient()).contains("user@example.org");
            assertThat(rotated.sign("user@example.org", DOMAIN)).startsWith("bounces+b");
        }

        @Test
        void aDroppedKeyShouldNoLongerVerify() {
            String signedWithA = scheme.sign("user@example.org", DOMAIN);
            SignedVerpScheme dropped = scheme.withKeys(VerpKeys.of(KEY_B));
            assertThat(dropped.verify(signedWithA)).isEqualTo(new VerpVerification.Tampered("signed with a key not in force"));
        }

        @Test
        void twoKeysWithTheSameIdShouldBeRejected() {
            assertThatThrownBy(() -> VerpKeys.rotating(KEY_A, new VerpKey('A', new byte[16])))
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Secrets {
        @Test
        void aKeyShouldNeverShowItsSecret() {
            VerpKey key = VerpKey.fromBase64('c', "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0");
            assertThat(key.toString()).doesNotContain("c2VjcmV0").doesNotContain("secret-secret").contains("redacted");
            assertThat(SignedVerpScheme.of(Set.of(DOMAIN), VerpKeys.of(key), clock).toString()).doesNotContain("secret-secret");
        }

        @Test
        void aShortOrMalformedSecretShouldBeRejectedWithoutQuotingIt() {
            assertThatThrownBy(() -> new VerpKey('a', new byte[8])).hasMessageContaining("at least 16");
            assertThatThrownBy(() -> VerpKey.fromBase64('a', "not base64 !!")).hasMessage("secret of key 'a' is not valid base64");
        }
    }
}
