package io.jamesbounce.store.jdbc;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;

import io.jamesbounce.store.SuppressionList;
import io.jamesbounce.store.SuppressionListContract;

/** The list's contract on the embedded default with the prefilter built and in use, as a James server runs it. */
class H2PrefilteredSuppressionListTest extends H2SuppressionStore implements SuppressionListContract {
    private JdbcSuppressionRepository prefiltered;

    @BeforeEach
    void buildPrefilter() {
        SuppressionPrefilter prefilter = new SuppressionPrefilter(pool, Duration.ofHours(1), System::nanoTime);
        prefilter.refresh();
        prefiltered = new JdbcSuppressionRepository(pool, prefilter);
    }

    @Override
    public SuppressionList suppressionList() {
        return prefiltered;
    }
}
