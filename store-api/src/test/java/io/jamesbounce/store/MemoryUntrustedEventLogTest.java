package io.jamesbounce.store;

class MemoryUntrustedEventLogTest implements UntrustedEventLogContract {
    private final MemoryUntrustedEventLog log = new MemoryUntrustedEventLog();

    @Override
    public UntrustedEventLog log() {
        return log;
    }
}
