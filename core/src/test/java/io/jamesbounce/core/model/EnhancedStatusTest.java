package io.jamesbounce.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnhancedStatusTest {
    @Nested
    class Parsing {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "5.1.1|5.1.1",
            "  4.4.7 |4.4.7",
            "5.7.26 (DMARC)|5.7.26",
            "5.1.351|5.1.351",
            "2.0.0|2.0.0"})
        void parseShouldReadAFieldValue(String field, String expected) {
            assertThat(EnhancedStatus.parse(field)).hasValueSatisfying(s -> assertThat(s).hasToString(expected));
        }

        @Test
        void parseShouldRejectAnInvalidClass() {
            assertThat(EnhancedStatus.parse("3.1.1")).isEmpty();
        }

        @Test
        void constructorShouldNameTheBadClass() {
            assertThatThrownBy(() -> new EnhancedStatus(6, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6");
        }
    }

    @Nested
    class InFreeText {
        @Test
        void findShouldIgnoreIpAddressesAndVersions() {
            assertThat(EnhancedStatus.find("host 192.0.2.5.1 said (v5.1.1.2) then 550 5.2.2 mailbox full"))
                .hasValueSatisfying(s -> assertThat(s).hasToString("5.2.2"));
        }

        @Test
        void findAfterReplyCodeShouldPreferTheReceiversOwnCode() {
            String ses = "5.1.0 - Unknown address error 550-'5.2.2 <a@example.org>... Mailbox Full'";
            assertThat(EnhancedStatus.find(ses)).hasValueSatisfying(s -> assertThat(s).hasToString("5.1.0"));
            assertThat(EnhancedStatus.findAfterReplyCode(ses)).hasValueSatisfying(s -> assertThat(s).hasToString("5.2.2"));
        }

        @Test
        void genericShouldMeanSubjectAndDetailZero() {
            assertThat(EnhancedStatus.of("5.0.0").isGeneric()).isTrue();
            assertThat(EnhancedStatus.of("5.1.0").isGeneric()).isFalse();
        }
    }
}
