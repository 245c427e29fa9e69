package io.jamesbounce.store;

import static io.jamesbounce.store.StoreFixtures.ALICE;
import static io.jamesbounce.store.StoreFixtures.OPERATOR;
import static io.jamesbounce.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.LocalPartMatching;

/**
 * What every {@link Allowlist} backend must do. A backend test implements this interface and returns
 * a fresh, empty allowlist from {@link #allowlist()}, as James' DropListContract does.
 */
public interface AllowlistContract {
    Allowlist allowlist();

    @Test
    default void allowlistShouldCoverAnAddressOrAWholeDomain() {
        allowlist().allow(AllowlistEntry.of("Postmaster@Example.ORG", OPERATOR));
        allowlist().allow(AllowlistEntry.of("Partner.Example", OPERATOR));

        assertThat(allowlist().isAllowlisted(AddressKey.of("postmaster@example.org"))).isTrue();
        assertThat(allowlist().isAllowlisted(AddressKey.of("anyone@partner.example"))).isTrue();
        assertThat(allowlist().isAllowlisted(ALICE)).isFalse();
        assertThat(allowlist().entries()).extracting(AllowlistEntry::value)
            .containsExactly("partner.example", "postmaster@example.org");
    }

    @Test
    default void allowShouldKeepTheFirstEntryAndDisallowShouldRemoveIt() {
        allowlist().allow(AllowlistEntry.of("partner.example", OPERATOR));
        allowlist().allow(AllowlistEntry.of("partner.example", new Change("other", "again", T0.plusSeconds(1))));

        assertThat(allowlist().entries()).extracting(AllowlistEntry::change).containsExactly(OPERATOR);
        assertThat(allowlist().disallow("PARTNER.example")).isTrue();
        assertThat(allowlist().disallow("partner.example")).isFalse();
        assertThat(allowlist().isAllowlisted(AddressKey.of("x@partner.example"))).isFalse();
    }

    @Test
    default void aCaseSensitiveEntryShouldMatchOnlyItsExactLocalPart() {
        allowlist().allow(AllowlistEntry.of("John@Example.org", LocalPartMatching.CASE_SENSITIVE, OPERATOR));

        assertThat(allowlist().isAllowlisted(AddressKey.of("John@example.org", LocalPartMatching.CASE_SENSITIVE))).isTrue();
        assertThat(allowlist().isAllowlisted(AddressKey.of("john@example.org"))).isFalse();
        assertThat(allowlist().disallow("John@example.org")).isTrue();
        assertThat(allowlist().entries()).isEmpty();
    }
}
