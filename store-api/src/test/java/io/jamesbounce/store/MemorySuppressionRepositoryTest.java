package io.jamesbounce.store;

import org.junit.jupiter.api.BeforeEach;

class MemorySuppressionRepositoryTest implements SuppressionRepositoryContract {
    private MemorySuppressionRepository repository;

    @BeforeEach
    void setUp() {
        repository = new MemorySuppressionRepository();
    }

    @Override
    public SuppressionRepository repository() {
        return repository;
    }
}
