package io.jamesbounce.james.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.Treatment;

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
        assertThat(postgres.postgres()).hasValueSatisfying(pg -> assertThat(pg.url()).startsWith("jdbc:postgresql://"));
    }
}
