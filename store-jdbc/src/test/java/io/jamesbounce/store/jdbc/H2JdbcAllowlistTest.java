package io.jamesbounce.store.jdbc;

import io.jamesbounce.store.Allowlist;
import io.jamesbounce.store.AllowlistContract;

/** The contract on the embedded default, the store {@link H2SuppressionStore} opens. */
class H2JdbcAllowlistTest extends H2SuppressionStore implements AllowlistContract, DataErrorContract {
    @Override
    public Allowlist allowlist() {
        return repository;
    }
}
