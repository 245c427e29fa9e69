package io.jamesbounce.store;

import org.junit.jupiter.api.BeforeEach;

class MemoryBounceEventHistoryTest implements BounceEventHistoryContract {
    private MemorySuppressionRepository store;

    @BeforeEach
    void setUp() {
        store = new MemorySuppressionRepository();
    }

    @Override
    public BounceEventHistory eventHistory() {
        return store;
    }

    @Override
    public SuppressionList suppressionList() {
        return store;
    }

    @Override
    public Allowlist allowlist() {
        return store;
    }
}
