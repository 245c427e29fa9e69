package io.jamesbounce.store.jdbc;

import io.jamesbounce.store.SuppressionList;
import io.jamesbounce.store.SuppressionListContract;

/** The contract on the embedded default, the store {@link H2SuppressionStore} opens. */
class H2JdbcSuppressionListTest extends H2SuppressionStore implements SuppressionListContract {
    @Override
    public SuppressionList suppressionList() {
        return repository;
    }
}
