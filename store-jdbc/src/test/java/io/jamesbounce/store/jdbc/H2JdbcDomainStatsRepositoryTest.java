package io.jamesbounce.store.jdbc;

import org.junit.jupiter.api.BeforeEach;

import io.jamesbounce.store.DomainStatsRepository;
import io.jamesbounce.store.DomainStatsRepositoryContract;

/** The contract on the embedded H2 file database, as a single James server runs it. */
class H2JdbcDomainStatsRepositoryTest extends H2SuppressionStore implements DomainStatsRepositoryContract {
    private JdbcDomainStatsRepository domainStats;

    @BeforeEach
    void openDomainStats() {
        domainStats = JdbcDomainStatsRepository.create(pool);
    }

    @Override
    public DomainStatsRepository repository() {
        return domainStats;
    }
}
