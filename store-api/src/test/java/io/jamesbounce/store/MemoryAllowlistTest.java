package io.jamesbounce.store;

import org.junit.jupiter.api.BeforeEach;

class MemoryAllowlistTest implements AllowlistContract {
    private MemorySuppressionRepository store;

    @BeforeEach
    void setUp() {
        store = new MemorySuppressionRepository();
    }

    @Override
    public Allowlist allowlist() {
        return store;
    }
}
