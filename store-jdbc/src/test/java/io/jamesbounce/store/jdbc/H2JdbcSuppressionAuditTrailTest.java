package io.jamesbounce.store.jdbc;

import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.SuppressionAuditTrail;
import io.jamesbounce.store.SuppressionAuditTrailContract;
import io.jamesbounce.store.SuppressionList;

/** The contract on the embedded default, the store {@link H2SuppressionStore} opens. */
class H2JdbcSuppressionAuditTrailTest extends H2SuppressionStore implements SuppressionAuditTrailContract {
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
