package io.jamesbounce.store.jdbc;

import io.jamesbounce.store.Allowlist;
import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.BounceEventHistoryContract;
import io.jamesbounce.store.SuppressionList;

/** The contract on the embedded default, the store {@link H2SuppressionStore} opens. */
class H2JdbcBounceEventHistoryTest extends H2SuppressionStore implements BounceEventHistoryContract {
    @Override
    public BounceEventHistory eventHistory() {
        return repository;
    }

    @Override
    public SuppressionList suppressionList() {
        return repository;
    }

    @Override
    public Allowlist allowlist() {
        return repository;
    }
}
