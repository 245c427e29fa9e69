package io.jamesbounce.store.jdbc;

import java.sql.SQLException;

import org.junit.jupiter.api.BeforeEach;

import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.SuppressionAuditTrail;
import io.jamesbounce.store.SuppressionAuditTrailContract;
import io.jamesbounce.store.SuppressionList;

/** The contract on a real PostgreSQL, the server {@link PostgresSuppressionStore} shares. */
class PostgresJdbcSuppressionAuditTrailTest implements SuppressionAuditTrailContract {
    private final JdbcSuppressionRepository repository = PostgresSuppressionStore.repository();

    @BeforeEach
    void emptyTables() throws SQLException {
        PostgresSuppressionStore.emptyTables();
    }

    @Override
    public SuppressionAuditTrail auditTrail() {
        return repository;
    }

    @Override
    public SuppressionList suppressionList() {
        return repository;
    }

    @Override
    public BounceEventHistory eventHistory() {
        return repository;
    }
}
