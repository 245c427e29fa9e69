package io.jamesbounce.james.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jamesbounce.core.verp.SignedVerpScheme;
import io.jamesbounce.core.verp.VerpKeys;
import io.jamesbounce.core.verp.VerpVerification;

class VerpKeyFileTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration ROTATION = Duration.ofDays(90);

    @TempDir
    Path data;

    private Path file() {
        return data.resolve(VerpKeyFile.RELATIVE_PATH);
    }

    private static String sign(VerpKeys keys, Instant at) {
        return SignedVerpScheme.of(Set.of(), keys, Clock.fixed(at, ZoneOffset.UTC)).sign("alice@example.org", "bounce.example.com");
    }

    private static VerpVerification verify(VerpKeys keys, Instant at, String returnPath) {
        return SignedVerpScheme.of(Set.of(), keys, Clock.fixed(at, ZoneOffset.UTC)).verify(returnPath);
    }

    @Test
    void theFirstStartShouldGenerateAKeyReadableByItsOwnerOnly() throws Exception {
        VerpKeys keys = VerpKeyFile.loadOrCreate(file(), Clock.fixed(T0, ZoneOffset.UTC), ROTATION);

        assertThat(keys.current().id()).isEqualTo('a');
        assertThat(keys.previous()).isEmpty();
        assertThat(Files.getPosixFilePermissions(file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void laterStartsShouldReadTheSameKey() {
        VerpKeys first = VerpKeyFile.loadOrCreate(file(), Clock.fixed(T0, ZoneOffset.UTC), ROTATION);
        String signed = sign(first, T0);

        VerpKeys again = VerpKeyFile.loadOrCreate(file(), Clock.fixed(T0.plus(Duration.ofDays(3)), ZoneOffset.UTC), ROTATION);

        assertThat(verify(again, T0.plus(Duration.ofDays(3)), signed)).isInstanceOf(VerpVerification.Valid.class);
    }

    @Test
    void aStartAfterTheRotationPeriodShouldRotateAndTheOldKeyShouldStillVerify() {
        VerpKeys first = VerpKeyFile.loadOrCreate(file(), Clock.fixed(T0, ZoneOffset.UTC), ROTATION);
        Instant later = T0.plus(ROTATION).plusSeconds(1);
        String signedBefore = sign(first, later.minus(Duration.ofDays(1)));

        VerpKeys rotated = VerpKeyFile.loadOrCreate(file(), Clock.fixed(later, ZoneOffset.UTC), ROTATION);

        assertThat(rotated.current().id()).isEqualTo('b');
        assertThat(rotated.previous()).hasValueSatisfying(p -> assertThat(p.id()).isEqualTo('a'));
        assertThat(verify(rotated, later, signedBefore)).isInstanceOf(VerpVerification.Valid.class);
        assertThat(sign(rotated, later)).contains("+b");
        assertThat(VerpKeyFile.loadOrCreate(file(), Clock.fixed(later.plusSeconds(60), ZoneOffset.UTC), ROTATION).current().id())
            .as("rotated once, not at every start").isEqualTo('b');
    }
}
