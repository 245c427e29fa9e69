package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportersTest {
    @Test
    void anIpv4ClientShouldCountByItsNetwork() {
        assertThat(Reporters.of("198.51.100.7")).isEqualTo("198.51.100.0/24");
        assertThat(Reporters.of("198.51.100.200")).isEqualTo(Reporters.of("198.51.100.7"));
        assertThat(Reporters.of("203.0.113.7")).isNotEqualTo(Reporters.of("198.51.100.7"));
    }

    @Test
    void anIpv6ClientShouldCountByItsSlash48() {
        assertThat(Reporters.of("2001:db8:1234:5678::1")).isEqualTo("2001:db8:1234::/48");
        assertThat(Reporters.of("2001:db8:1234:ffff::2")).isEqualTo(Reporters.of("2001:db8:1234:5678::1"));
    }

    @Test
    void anUnknownOrNamedClientShouldBeNoReporterAndNeverALookup() {
        assertThat(Reporters.of(null)).isEmpty();
        assertThat(Reporters.of("")).isEmpty();
        assertThat(Reporters.of("mx.example.org")).isEmpty();
    }
}
