package io.jamesbounce.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AddressesTest {
    @Nested
    class QuotedLocalParts {
        @Test
        void firstShouldKeepTheQuotesOfALocalPartThatNeedsThem() {
            assertThat(Addresses.first("550 5.1.1 <\"first..last\"@Example.NET>... User Unknown"))
                .contains("\"first..last\"@example.net");
        }

        @Test
        void normaliseShouldDropQuotesThatChangeNothing() {
            assertThat(Addresses.normalise("\"plain\"@example.net")).isEqualTo("plain@example.net");
        }

        @Test
        void normaliseShouldDropQuotesAroundAWholeAddress() {
            assertThat(Addresses.normalise("\"someone@example.net\"")).isEqualTo("someone@example.net");
        }

        @Test
        void firstShouldNotTakeADisplayNameForALocalPart() {
            assertThat(Addresses.first("\"Some One\" <someone@example.net>")).contains("someone@example.net");
        }

        @Test
        void looksLikeAddressShouldAcceptAQuotedLocalPart() {
            assertThat(Addresses.looksLikeAddress("\"a b\"@example.net")).isTrue();
        }
    }

    @Nested
    class SingleLabelDomains {
        @Test
        void singleLabelShouldAcceptAHostWithoutDot() {
            assertThat(Addresses.singleLabel(" <clerk@mailhub0> ")).contains("clerk@mailhub0");
        }

        @Test
        void singleLabelShouldRefuseFreeText() {
            assertThat(Addresses.singleLabel("clerk at mailhub0")).isEmpty();
            assertThat(Addresses.singleLabel("a@b@c")).isEmpty();
        }

        @Test
        void firstShouldStillIgnoreAHostWithoutDotInFreeText() {
            assertThat(Addresses.first("see clerk@mailhub0 for details")).isEmpty();
        }
    }
}
