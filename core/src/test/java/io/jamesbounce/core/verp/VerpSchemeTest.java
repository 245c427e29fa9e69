package io.jamesbounce.core.verp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VerpSchemeTest {
    @Test
    void decodeShouldRecoverTheEncodedRecipient() {
        assertThat(VerpScheme.DEFAULT.decode("bounces+user=example.org@bounce.example.com")).contains("user@example.org");
    }

    @Test
    void decodeShouldKeepPlusAndEqualsOfTheRecipientsLocalPart() {
        String encoded = VerpScheme.DEFAULT.encode("first+tag@example.org", "bounce.example.com");
        assertThat(encoded).isEqualTo("bounces+first+tag=example.org@bounce.example.com");
        assertThat(VerpScheme.DEFAULT.decode(encoded)).contains("first+tag@example.org");
    }

    @Test
    void decodeShouldIgnoreAddressesOfAnotherPrefix() {
        assertThat(VerpScheme.DEFAULT.decode("alice+x=example.org@bounce.example.com")).isEmpty();
        assertThat(VerpScheme.DEFAULT.decode("bounces@bounce.example.com")).isEmpty();
    }

    @Test
    void separatorsShouldBeConfigurable() {
        VerpScheme scheme = new VerpScheme("rb", '-', '#');
        assertThat(scheme.decode("rb-user#example.org@bounce.example.com")).contains("user@example.org");
    }

    @Test
    void sameDelimiterAndSeparatorShouldBeRejected() {
        assertThatThrownBy(() -> new VerpScheme("b", '=', '=')).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignedSchemeShouldSkipTheSignatureTag() {
        VerpScheme signed = VerpScheme.DEFAULT.withSignatures();
        assertThat(signed.decode("bounces+aaf3k2mq7x4b+user=example.org@bounce.example.com")).contains("user@example.org");
        // a return path without a tag still names its recipient; the trust check, not decoding, refuses it
        assertThat(signed.decode("bounces+first+tag=example.org@bounce.example.com")).contains("first+tag@example.org");
    }

    @Test
    void anUnsignedSchemeShouldTakeATagLikeLocalPartAsPartOfTheRecipient() {
        assertThat(VerpScheme.DEFAULT.decode("bounces+aaf3k2mq7x4b+user=example.org@bounce.example.com"))
            .contains("aaf3k2mq7x4b+user@example.org");
    }
}
