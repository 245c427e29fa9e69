package io.jamesbounce.store.jdbc;

import javax.sql.DataSource;

/** The prefilter on the embedded default. */
class H2SuppressionPrefilterTest extends H2SuppressionStore implements SuppressionPrefilterContract {
    @Override
    public DataSource dataSource() {
        return pool;
    }
}
