package io.jamesbounce.store;

import org.junit.jupiter.api.BeforeEach;

class MemorySuppressionAuditTrailTest implements SuppressionAuditTrailContract {
    private MemorySuppressionRepository store;

    @BeforeEach
    void setUp() {
        store = new MemorySuppressionRepository();
    }

    @Override
    public SuppressionAuditTrail auditTrail() {
        return store;
    }

    @Override
    public SuppressionList suppressionList() {
        return store;
    }

    @Override
    public BounceEventHistory eventHistory() {
        return store;
    }
}
