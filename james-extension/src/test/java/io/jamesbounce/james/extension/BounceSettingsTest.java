package io.jamesbounce.james.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jamesbounce.core.mime.ReadLimits;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.Treatment;
import io.jamesbounce.core.trust.TrustSettings;
import io.jamesbounce.core.verp.VerpVerification;
import io.jamesbounce.james.common.LookupFailureMode;

class BounceSettingsTest {
    private static Properties properties(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void noKeyMeansThePolicyDefaultsAndTheEmbeddedStore() {
        BounceSettings settings = BounceSettings.defaults();

        assertThat(settings.policy()).isEqualTo(PolicySettings.defaults());
        assertThat(settings.localPartMatching()).isEqualTo(LocalPartMatching.CASE_INSENSITIVE);
        assertThat(settings.postgres()).isEmpty();
        assertThat(settings.cacheStaleness()).isEqualTo(BounceSettings.DEFAULT_CACHE_STALENESS);
    }

    @Test
    void readsEveryKey() {
        BounceSettings settings = BounceSettings.from(properties(
            "policy.soft-streak", "3d", "policy.soft-lifetime", "P60D", "policy.history-window", "720h",
            "policy.treatment.blocked", "soft", "address.local-part", "case-sensitive",
            "lookup.cache-staleness", "10s", "lookup.cache-size", "5000",
            "verp.prefix", "bnc", "verp.delimiter", "-", "verp.separator", "=",
            "postgres.url", "jdbc:postgresql://db:5432/james", "postgres.user", "u", "postgres.password", "p",
            "postgres.pool-size", "4"));

        assertThat(settings.policy().softStreak()).isEqualTo(Duration.ofDays(3));
        assertThat(settings.policy().softLifetime()).isEqualTo(Duration.ofDays(60));
        assertThat(settings.policy().historyWindow()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.policy().treatmentOf(Category.BLOCKED)).isEqualTo(Treatment.SOFT);
        assertThat(settings.localPartMatching()).isEqualTo(LocalPartMatching.CASE_SENSITIVE);
        assertThat(settings.cacheSize()).isEqualTo(5000);
        assertThat(settings.verp().encode("a@b.org", "bounce.example.com")).isEqualTo("bnc-a=b.org@bounce.example.com");
        assertThat(settings.postgres()).hasValueSatisfying(pg -> {
            assertThat(pg.url()).isEqualTo("jdbc:postgresql://db:5432/james");
            assertThat(pg.poolSize()).isEqualTo(4);
        });
    }

    @Test
    void anUnknownKeyIsRejectedByName() {
        assertThatThrownBy(() -> BounceSettings.from(properties("policy.soft-streek", "3d")))
            .hasMessageContaining("policy.soft-streek");
    }

    @Test
    void aBadValueIsRejectedWithKeyAndValue() {
        assertThatThrownBy(() -> BounceSettings.from(properties("policy.soft-streak", "five days")))
            .hasMessageContaining("policy.soft-streak").hasMessageContaining("'five days'");
        assertThatThrownBy(() -> BounceSettings.from(properties("policy.treatment.user-unknown", "ignore")))
            .hasMessageContaining("'ignore'");
        assertThatThrownBy(() -> BounceSettings.from(properties("policy.treatment.nonsense", "soft")))
            .hasMessageContaining("'nonsense'");
        assertThatThrownBy(() -> BounceSettings.from(properties("postgres.url", "postgres://db")))
            .hasMessageContaining("'postgres://db'");
        assertThatThrownBy(() -> BounceSettings.from(properties("lookup.cache-size", "3")))
            .hasMessageContaining("lookup.cache-size");
    }

    @Test
    void thePolicyStillValidatesItsOwnRules() {
        assertThatThrownBy(() -> BounceSettings.from(properties("policy.treatment.delivered", "soft")))
            .hasMessageContaining("policy.treatment.delivered");
    }

    @Test
    void theShippedSamplesAreValidAndSayTheDefaults() {
        java.nio.file.Path samples = java.nio.file.Path.of(System.getProperty("user.dir")).resolve("../conf-samples");
        BounceSettings embedded = BounceSettings.load(samples.resolve("bounces-embedded.properties"));
        BounceSettings postgres = BounceSettings.load(samples.resolve("bounces-postgres.properties"));

        assertThat(embedded).isEqualTo(BounceSettings.defaults());
        assertThat(postgres.policy()).isEqualTo(PolicySettings.defaults());
        assertThat(postgres.rates()).isEqualTo(BounceSettings.defaults().rates());
        assertThat(postgres.postgres()).hasValueSatisfying(pg -> assertThat(pg.url()).startsWith("jdbc:postgresql://"));
        assertThat(postgres.lookupOnFailure()).isEqualTo(LookupFailureMode.DEFER);
    }

    @Test
    void readsThePostgresConnectionTimeout() {
        BounceSettings settings = BounceSettings.from(properties("postgres.url", "jdbc:postgresql://db:5432/james",
            "postgres.connection-timeout", "2s"));

        assertThat(settings.postgres()).hasValueSatisfying(pg -> assertThat(pg.connectionTimeout()).isEqualTo(Duration.ofSeconds(2)));
        assertThatThrownBy(() -> BounceSettings.from(properties("postgres.url", "jdbc:postgresql://db:5432/james",
            "postgres.connection-timeout", "100ms")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("postgres.connection-timeout");
    }

    @Test
    void secretsComeFromTheEnvironmentOrAFileItNamesAndTheEnvironmentWins(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bounces.properties");
        Files.writeString(conf, "postgres.url=jdbc:postgresql://db:5432/james\npostgres.password=from-the-file\n");
        Path secret = dir.resolve("pg-secret");
        Files.writeString(secret, "from-a-secret-file\n");

        assertThat(BounceSettings.load(conf, Map.of()).postgres().orElseThrow().password()).isEqualTo("from-the-file");
        assertThat(BounceSettings.load(conf, Map.of("BOUNCES_POSTGRES_PASSWORD_FILE", secret.toString())).postgres().orElseThrow()
            .password()).isEqualTo("from-a-secret-file");
        assertThat(BounceSettings.load(conf, Map.of("BOUNCES_POSTGRES_PASSWORD", "from-env", "BOUNCES_POSTGRES_PASSWORD_FILE",
            secret.toString())).postgres().orElseThrow().password()).isEqualTo("from-env");
        assertThat(BounceSettings.load(conf, Map.of("BOUNCES_VERP_SIGNING_KEY", "k:" + "c2lndW5pbmcta2V5LWZvci10ZXN0cy1vbmx5LTMyYg=="))
            .verpSigning().orElseThrow().generatedKeys()).isFalse();
        assertThatThrownBy(() -> BounceSettings.load(conf, Map.of("BOUNCES_POSTGRES_PASSWORD_FILE", dir.resolve("missing").toString())))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BOUNCES_POSTGRES_PASSWORD_FILE");
    }

    @Test
    void aPasswordInThePostgresUrlIsNeverShown() {
        BounceSettings settings = BounceSettings.from(properties("postgres.url",
            "jdbc:postgresql://db:5432/james?user=james&password=s3cret&sslmode=verify-full"));

        assertThat(settings.toString()).doesNotContain("s3cret").contains("password=***&sslmode=verify-full");
        assertThat(BounceSettings.Postgres.redacted("jdbc:postgresql://james:s3cret@db/james")).isEqualTo("jdbc:postgresql://james:***@db/james");
    }

    @Test
    void readsTheReadingLimitsAndDefaultsToTheAnalyzers() {
        assertThat(BounceSettings.defaults().readLimits()).isEqualTo(ReadLimits.DEFAULT);

        ReadLimits limits = BounceSettings.from(properties("limits.message-bytes", "1048576", "limits.mime-parts", "50",
            "limits.header-field-bytes", "4096", "limits.header-fields", "200")).readLimits();

        assertThat(limits.maxBytes()).isEqualTo(1_048_576L);
        assertThat(limits.maxParts()).isEqualTo(50);
        assertThat(limits.maxHeaderField()).isEqualTo(4096);
        assertThat(limits.maxHeaderFields()).isEqualTo(200);
        assertThatThrownBy(() -> BounceSettings.from(properties("limits.header-field-bytes", "10")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limits.header-field-bytes");
        assertThatThrownBy(() -> BounceSettings.from(properties("limits.message-bytes", "lots")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limits.message-bytes").hasMessageContaining("'lots'");
    }

    @Test
    void aFailedLookupDefersByDefault() {
        assertThat(BounceSettings.defaults().lookupOnFailure()).isEqualTo(LookupFailureMode.DEFER);
    }

    @Test
    void readsTheLookupFailureModeInAnyCase() {
        assertThat(BounceSettings.from(properties("lookup.on-failure", "deliver")).lookupOnFailure()).isEqualTo(LookupFailureMode.DELIVER);
        assertThat(BounceSettings.from(properties("lookup.on-failure", " Defer ")).lookupOnFailure()).isEqualTo(LookupFailureMode.DEFER);
    }

    @Test
    void thePrefilterIsOnByDefaultAndRefreshesEverySecond() {
        assertThat(BounceSettings.defaults().prefilterRefresh()).contains(Duration.ofSeconds(1));
        assertThat(BounceSettings.from(properties("lookup.prefilter-refresh", "250ms")).prefilterRefresh()).contains(Duration.ofMillis(250));
        assertThat(BounceSettings.from(properties("lookup.prefilter", "false")).prefilterRefresh()).isEmpty();
    }

    @Test
    void thePrefilterIsOffWhenItCannotRefreshWithinTheCacheStaleness() {
        assertThat(BounceSettings.from(properties("lookup.cache-staleness", "0s")).prefilterRefresh()).isEmpty();
        assertThat(BounceSettings.from(properties("lookup.cache-staleness", "5s", "lookup.prefilter-refresh", "5s")).prefilterRefresh()).isEmpty();
    }

    @Test
    void aBadPrefilterSettingIsRejectedWithKeyAndValue() {
        assertThatThrownBy(() -> BounceSettings.from(properties("lookup.prefilter", "yes")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lookup.prefilter").hasMessageContaining("'yes'");
        assertThatThrownBy(() -> BounceSettings.from(properties("lookup.prefilter-refresh", "0s")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lookup.prefilter-refresh");
    }

    @Test
    void anUnknownLookupFailureModeIsRejectedWithKeyAndValue() {
        assertThatThrownBy(() -> BounceSettings.from(properties("lookup.on-failure", "ignore")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("lookup.on-failure").hasMessageContaining("'ignore'").hasMessageContaining("defer or deliver");
    }

    @org.junit.jupiter.api.Nested
    class Rates {
        @Test
        void noKeyMeansTheMonitorDefaultsEveryMinuteWithAlerts() {
            BounceSettings.Rates rates = BounceSettings.defaults().rates();

            assertThat(rates.settings()).isEqualTo(io.jamesbounce.core.rates.RateSettings.defaults());
            assertThat(rates.evaluateInterval()).isEqualTo(java.time.Duration.ofMinutes(1));
            assertThat(rates.alerts()).isTrue();
        }

        @Test
        void readsEveryKeyRatesAsPercentOrFraction() {
            BounceSettings.Rates rates = BounceSettings.from(properties("rates.bucket", "30s", "rates.flush-interval", "2s",
                "rates.evaluate-interval", "5s", "rates.short-window", "5m", "rates.rate-window", "10m",
                "rates.baseline-window", "1h", "rates.minimum-attempts", "50", "rates.hard-warning", "1%",
                "rates.hard-bad", "0.04", "rates.hard-critical", "8 %", "rates.spike-multiplier", "2.5",
                "rates.spike-floor", "6%", "rates.reputation-recipients", "4", "rates.throttled-per-minute", "30",
                "rates.critical-per-minute", "3", "rates.throttle-burst", "2", "rates.cool-down", "10m",
                "rates.release-grace", "5m", "rates.alerts", "false")).rates();

            io.jamesbounce.core.rates.RateSettings s = rates.settings();
            assertThat(s.bucket()).hasSeconds(30);
            assertThat(s.flushInterval()).hasSeconds(2);
            assertThat(rates.evaluateInterval()).hasSeconds(5);
            assertThat(s.shortWindow()).hasMinutes(5);
            assertThat(s.rateWindow()).hasMinutes(10);
            assertThat(s.baselineWindow()).hasHours(1);
            assertThat(s.minimumAttempts()).isEqualTo(50);
            assertThat(s.hardWarning()).isEqualTo(0.01);
            assertThat(s.hardBad()).isEqualTo(0.04);
            assertThat(s.hardCritical()).isEqualTo(0.08);
            assertThat(s.spikeMultiplier()).isEqualTo(2.5);
            assertThat(s.spikeFloor()).isEqualTo(0.06);
            assertThat(s.reputationRecipients()).isEqualTo(4);
            assertThat(s.throttledPerMinute()).isEqualTo(30);
            assertThat(s.criticalPerMinute()).isEqualTo(3);
            assertThat(s.throttleBurst()).isEqualTo(2);
            assertThat(s.coolDown()).hasMinutes(10);
            assertThat(s.releaseGrace()).hasMinutes(5);
            assertThat(rates.alerts()).isFalse();
        }

        @Test
        void aBadRateIsRejectedWithKeyAndValue() {
            assertThatThrownBy(() -> BounceSettings.from(properties("rates.hard-bad", "150%")))
                .hasMessageContaining("rates.hard-bad").hasMessageContaining("150%");
            assertThatThrownBy(() -> BounceSettings.from(properties("rates.alerts", "yes")))
                .hasMessageContaining("rates.alerts").hasMessageContaining("yes");
        }

        @Test
        void theMonitorStillValidatesItsOwnRules() {
            assertThatThrownBy(() -> BounceSettings.from(properties("rates.hard-warning", "20%")))
                .hasMessageStartingWith("rates.*: hard-bounce thresholds");
        }
    }

    @org.junit.jupiter.api.Nested
    class Trust {
        private static final String SECRET = "c2lndW5pbmcta2V5LWZvci10ZXN0cy1vbmx5LTMyYg==";
        private static final String OLD_SECRET = "b2xkLXNpZ25pbmcta2V5LWZvci10ZXN0cy0zMmJ5dGU=";
        private static final io.jamesbounce.core.verp.VerpKeys GENERATED = io.jamesbounce.core.verp.VerpKeys.of(
            io.jamesbounce.core.verp.VerpKey.fromBase64('a', SECRET));

        @Test
        void byDefaultReturnPathsAreSignedWithKeysTheServerGenerates() {
            BounceSettings settings = BounceSettings.defaults();

            assertThat(settings.uncheckedTrust()).isFalse();
            assertThat(settings.verp().signed()).isTrue();
            assertThat(settings.verpSigning()).hasValueSatisfying(s -> {
                assertThat(s.generatedKeys()).isTrue();
                assertThat(s.keyRotation()).isEqualTo(Duration.ofDays(90));
            });
            assertThatThrownBy(() -> settings.trust(Clock.systemUTC())).isInstanceOf(IllegalStateException.class);
            assertThat(settings.trust(Clock.systemUTC(), Optional.of(GENERATED)).verp()).isPresent();
        }

        @Test
        void trustModeUncheckedMeansUnsignedReturnPathsAndEveryReportTrusted() {
            BounceSettings settings = BounceSettings.from(properties("trust.mode", "unchecked"));

            assertThat(settings.trust(Clock.systemUTC())).isEqualTo(TrustSettings.none());
            assertThat(settings.verp().signed()).isFalse();
            assertThatThrownBy(() -> BounceSettings.from(properties("trust.mode", "unchecked", "verp.signing-key", "c:" + SECRET)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contradicts trust.mode=unchecked");
            assertThatThrownBy(() -> BounceSettings.from(properties("trust.mode", "trusting")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trust.mode").hasMessageContaining("'trusting'");
        }

        @Test
        void aKeyRotationShorterThanTheValidityIsRefused() {
            assertThatThrownBy(() -> BounceSettings.from(properties("verp.validity", "14d", "verp.key-rotation", "7d")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verp.key-rotation");
        }

        @Test
        void aSigningKeySignsAndThePreviousKeyStillVerifies() {
            BounceSettings old = BounceSettings.from(properties("verp.signing-key", "b:" + OLD_SECRET));
            BounceSettings rotated = BounceSettings.from(properties("verp.signing-key", "c:" + SECRET, "verp.previous-key", "b:" + OLD_SECRET,
                "verp.validity", "7d", "verp.bounce-domains", "bounce.example.com, Bounce2.example.com"));
            TrustSettings trust = rotated.trust(Clock.systemUTC());

            assertThat(rotated.verp().signed()).isTrue();
            String signedBefore = old.trust(Clock.systemUTC()).verp().orElseThrow().sign("alice@example.org", "bounce.example.com");
            assertThat(trust.verp().orElseThrow().verify(signedBefore)).isInstanceOf(VerpVerification.Valid.class);
            assertThat(trust.verp().orElseThrow().sign("alice@example.org", "bounce2.example.com")).startsWith("bounces+c");
            assertThat(trust.verp().orElseThrow().verify(trust.verp().orElseThrow().sign("alice@example.org", "other.example.com")))
                .isInstanceOf(VerpVerification.NotOurs.class);
        }

        @Test
        void theSecretsNeverAppearInTheSettingsAsLogged() {
            BounceSettings settings = BounceSettings.from(properties("verp.signing-key", "c:" + SECRET));

            assertThat(settings.toString()).doesNotContain(SECRET).contains("redacted");
        }

        @Test
        void badKeysAreRejectedByNameWithoutQuotingTheSecret() {
            assertThatThrownBy(() -> BounceSettings.from(properties("verp.signing-key", SECRET)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verp.signing-key").hasMessageNotContaining(SECRET);
            assertThatThrownBy(() -> BounceSettings.from(properties("verp.signing-key", "c:c2hvcnQ=")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verp.signing-key").hasMessageContaining("at least 16");
            assertThatThrownBy(() -> BounceSettings.from(properties("verp.signing-key", "c:" + SECRET, "verp.previous-key", "c:" + OLD_SECRET)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verp.previous-key").hasMessageContaining("different ids");
            assertThatThrownBy(() -> BounceSettings.from(properties("verp.previous-key", "b:" + OLD_SECRET)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs verp.signing-key");
            assertThatThrownBy(() -> BounceSettings.from(properties("verp.signing-key", "c:" + SECRET, "verp.validity", "2h")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verp.validity");
        }

        @Test
        void feedbackLoopSourcesAreRead() {
            TrustSettings trust = BounceSettings.from(properties("trust.feedback.authserv-id", "mx.example.com",
                "trust.feedback.domains", "fbl.yahoo.com,Hotmail.com", "trust.feedback.addresses", "fbl@isp.example.net"))
                .trust(Clock.systemUTC(), Optional.of(GENERATED));

            assertThat(trust.feedback().domains()).containsExactlyInAnyOrder("fbl.yahoo.com", "hotmail.com");
            assertThat(trust.feedback().addresses()).containsExactly("fbl@isp.example.net");
            assertThat(trust.feedback().authservId()).isEqualTo("mx.example.com");
        }

        @Test
        void feedbackDomainsNeedTheAuthservIdOfOurServer() {
            assertThatThrownBy(() -> BounceSettings.from(properties("trust.feedback.domains", "fbl.yahoo.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trust.feedback").hasMessageContaining("authserv-id");
        }
    }

    @org.junit.jupiter.api.Nested
    class RetentionKeys {
        @Test
        void noKeyMeansHalfAYearOfEventsAndAMonthOfUntrustedOnesPurgedEverySixHours() {
            BounceSettings.RetentionSchedule retention = BounceSettings.defaults().retention();

            assertThat(retention.settings()).isEqualTo(io.jamesbounce.store.Retention.Settings.DEFAULT);
            assertThat(retention.interval()).isEqualTo(Duration.ofHours(6));
        }

        @Test
        void readsEveryKey() {
            BounceSettings.RetentionSchedule retention = BounceSettings.from(properties("retention.events", "90d",
                "retention.untrusted-events", "7d", "retention.interval", "1h")).retention();

            assertThat(retention.settings().events()).isEqualTo(Duration.ofDays(90));
            assertThat(retention.settings().untrustedEvents()).isEqualTo(Duration.ofDays(7));
            assertThat(retention.interval()).isEqualTo(Duration.ofHours(1));
        }

        @Test
        void eventsCannotBeKeptLessThanThePolicyReads() {
            assertThatThrownBy(() -> BounceSettings.from(properties("retention.events", "10d")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention.events").hasMessageContaining("policy.history-window");
        }
    }
}
