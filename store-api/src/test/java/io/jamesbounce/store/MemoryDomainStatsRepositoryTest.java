package io.jamesbounce.store;

import org.junit.jupiter.api.BeforeEach;

class MemoryDomainStatsRepositoryTest implements DomainStatsRepositoryContract {
    private MemoryDomainStatsRepository repository;

    @BeforeEach
    void setUp() {
        repository = new MemoryDomainStatsRepository();
    }

    @Override
    public DomainStatsRepository repository() {
        return repository;
    }
}
