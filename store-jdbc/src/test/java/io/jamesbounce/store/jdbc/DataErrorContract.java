package io.jamesbounce.store.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.jamesbounce.store.Allowlist;
import io.jamesbounce.store.AllowlistEntry;
import io.jamesbounce.store.Change;
import io.jamesbounce.store.StoreDataException;

/**
 * What the JDBC backends say when a database refuses a value: a {@link StoreDataException}, which
 * the mailets never retry, not the outage exception, which they do.
 */
interface DataErrorContract {
    Allowlist allowlist();

    @Test
    default void aValueLongerThanItsColumnShouldBeADataErrorNotAnOutage() {
        Change tooLong = new Change("admin@example.org", "r".repeat(5000), Instant.parse("2025-03-01T08:00:00Z"));

        assertThatThrownBy(() -> allowlist().allow(new AllowlistEntry("example.org", tooLong)))
            .isInstanceOf(StoreDataException.class).hasMessageContaining("22001");
    }
}
