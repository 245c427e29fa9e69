package io.jamesbounce.store;

import org.junit.jupiter.api.BeforeEach;

class MemorySuppressionListTest implements SuppressionListContract {
    private MemorySuppressionRepository store;

    @BeforeEach
    void setUp() {
        store = new MemorySuppressionRepository();
    }

    @Override
    public SuppressionList suppressionList() {
        return store;
    }
}
