package io.jamesbounce.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AddressKeyTest {
    @Nested
    class Normalisation {
        @Test
        void aDomainLongerThanDnsAllowsShouldBeRefused() {
            assertThatThrownBy(() -> AddressKey.normaliseDomain("d".repeat(300) + ".example")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("253");
            assertThat(AddressKey.normaliseDomain("d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(60) + ".example")).hasSize(190);
        }

        @Test
        void ofShouldLowerCaseTheDomain() {
            assertThat(AddressKey.of("user@Example.ORG").value()).isEqualTo("user@example.org");
        }

        @Test
        void ofShouldFoldTheLocalPartByDefault() {
            assertThat(AddressKey.of("John.Doe@example.org")).isEqualTo(AddressKey.of("john.doe@example.org"));
        }

        @Test
        void ofShouldKeepTheLocalPartCaseWhenAskedToCompareItCaseSensitively() {
            assertThat(AddressKey.of("John@Example.org", LocalPartMatching.CASE_SENSITIVE).value()).isEqualTo("John@example.org");
        }

        @Test
        void ofShouldTurnAnInternationalDomainIntoAscii() {
            assertThat(AddressKey.of("jörg@Bücher.example").domain()).isEqualTo("xn--bcher-kva.example");
        }

        @Test
        void ofShouldStripAngleBracketsAndBlanks() {
            assertThat(AddressKey.of(" <user@example.org> ").value()).isEqualTo("user@example.org");
        }

        @Test
        void ofShouldRejectAStringWithoutDomain() {
            assertThatThrownBy(() -> AddressKey.of("postmaster")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postmaster");
        }

        @Test
        void constructorShouldRejectAnUnnormalisedDomain() {
            assertThatThrownBy(() -> new AddressKey("user@Example.org")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Parts {
        @Test
        void localPartAndDomainShouldSplitAtTheLastAt() {
            AddressKey key = AddressKey.of("\"a@b\"@example.org");
            assertThat(key.domain()).isEqualTo("example.org");
            // a local part that needs quoting keeps its quotes: that is its canonical form (RFC 5322 3.4.1)
            assertThat(key.localPart()).isEqualTo("\"a@b\"");
        }
    }
}
