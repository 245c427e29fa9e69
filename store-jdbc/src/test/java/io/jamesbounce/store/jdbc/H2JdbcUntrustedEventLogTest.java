package io.jamesbounce.store.jdbc;

import org.junit.jupiter.api.BeforeEach;

import io.jamesbounce.store.UntrustedEventLog;
import io.jamesbounce.store.UntrustedEventLogContract;

/** The contract on the embedded H2 file database. */
class H2JdbcUntrustedEventLogTest extends H2SuppressionStore implements UntrustedEventLogContract {
    private JdbcUntrustedEventLog log;

    @BeforeEach
    void openLog() {
        log = JdbcUntrustedEventLog.create(pool);
    }

    @Override
    public UntrustedEventLog log() {
        return log;
    }
}
