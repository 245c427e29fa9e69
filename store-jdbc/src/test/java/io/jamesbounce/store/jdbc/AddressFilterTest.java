package io.jamesbounce.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.jamesbounce.store.StoreFixtures;

class AddressFilterTest {
    private static final int CAPACITY = 200_000;

    @Test
    void everyAddedAddressShouldBeFound() {
        AddressFilter filter = new AddressFilter(CAPACITY);
        for (int i = 0; i < CAPACITY; i++) {
            filter.add(address(i));
        }
        for (int i = 0; i < CAPACITY; i++) {
            assertThat(filter.mightContain(address(i))).as(address(i)).isTrue();
        }
        // the 1 % of addresses that are false positives when added set no new bit and are not counted
        assertThat(filter.additions()).isBetween((long) (CAPACITY * 0.98), (long) CAPACITY);
    }

    @Test
    void anAddressAddedAgainShouldNotCountAgain() {
        AddressFilter filter = new AddressFilter(CAPACITY);
        filter.add("alice@example.org");
        filter.add("alice@example.org");
        filter.add("bob@example.org");

        assertThat(filter.additions()).isEqualTo(2);
    }

    @Test
    void anEmptyFilterShouldContainNothing() {
        AddressFilter filter = new AddressFilter(10);
        assertThat(filter.mightContain("alice@example.com")).isFalse();
        assertThat(filter.mightContain("")).isFalse();
    }

    @Test
    void falsePositivesShouldStayNearOnePercentAtCapacity() {
        AddressFilter filter = new AddressFilter(CAPACITY);
        for (int i = 0; i < CAPACITY; i++) {
            filter.add(address(i));
        }
        int asked = 200_000;
        int positives = 0;
        for (int i = 0; i < asked; i++) {
            // addresses of the same shape, never added: what outbound recipients look like to the filter
            if (filter.mightContain("other" + i + "@example.net")) {
                positives++;
            }
        }
        double rate = (double) positives / asked;
        System.out.printf("AddressFilter: %d bytes for %d addresses, false positives %.3f %%%n", filter.memoryBytes(), CAPACITY, rate * 100);
        assertThat(rate).isLessThan(0.02);
        assertThat(filter.memoryBytes()).isLessThanOrEqualTo((long) CAPACITY * AddressFilter.BITS_PER_ADDRESS / 8 + 64);
    }

    @Test
    void addressesAddedByConcurrentThreadsShouldAllBeFound() throws Exception {
        AddressFilter filter = new AddressFilter(CAPACITY);
        StoreFixtures.concurrently(4, thread -> {
            for (int i = thread; i < CAPACITY; i += 4) {
                filter.add(address(i));
            }
            return null;
        });
        for (int i = 0; i < CAPACITY; i++) {
            assertThat(filter.mightContain(address(i))).as(address(i)).isTrue();
        }
    }

    @Test
    void aCapacityThatIsNotPositiveShouldBeRefused() {
        assertThatThrownBy(() -> new AddressFilter(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }

    private static String address(int i) {
        return "user" + i + "@domain" + (i % 97) + ".example";
    }
}
